import { test as setup } from '../src/fixtures';
import { loadPortals } from '../src/portals/registry';

/*
 * Sign in once per browser and portal; specs start from the saved storage state. This project records no
 * trace, screenshot or video, so the password typed here never reaches a report. A portal whose sign-in
 * fails is recorded as such and only its own tasks are affected. Each portal says how it signs in
 * (pages/<portal>/portal.ts); anonymous portals need no setup.
 */
for (const portal of loadPortals()) {
  const { signIn } = portal;
  if (signIn === 'anonymous') continue;

  setup.describe(portal.name, () => {
    setup.use({ portal: portal.id });

    setup(`sign in to ${portal.name}`, async ({ page, target, saveSignIn }) => {
      await saveSignIn(() => signIn.run(portal.pages(page, target), target, page));
    });
  });
}
