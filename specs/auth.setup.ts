import { test as setup, expect } from '../src/fixtures';

/*
 * Sign in once per browser and portal; specs start from the saved storage state. This project records no
 * trace, screenshot or video, so the password typed here never reaches a report. A portal whose sign-in
 * fails is recorded as such and only its own tasks are affected.
 */
setup.describe('PCD', () => {
  setup.use({ portal: 'pcd' });

  setup('sign in to PCD', async ({ pcd, target, saveSignIn }) => {
    await saveSignIn(async () => {
      await pcd.login.signIn(target.username, target.password);
      await expect(pcd.navigation.menuButton).toBeVisible();
    });
  });
});

setup.describe('Microsoft 365', () => {
  setup.use({ portal: 'm365' });

  setup('sign in to Microsoft 365', async ({ m365, page, target, saveSignIn }) => {
    await saveSignIn(async () => {
      await m365.signIn.signIn(target.username, target.password);
      await expect(page.getByRole('heading', { name: 'Bills & payments' })).toBeVisible();
    });
  });
});
