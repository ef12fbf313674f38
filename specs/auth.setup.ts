import fs from 'node:fs';
import path from 'node:path';
import { test as setup, expect } from '../src/fixtures';
import { authFile, browserIdOf } from '../src/harness';

/*
 * Sign in once per browser and portal; specs start from the saved storage state. This project records no
 * trace, screenshot or video, so the password typed here never reaches a report.
 */
setup.describe('PCD', () => {
  setup.use({ portal: 'pcd' });

  setup('sign in to PCD', async ({ pcd, target, page }, testInfo) => {
    await pcd.login.signIn(target.username, target.password);
    await expect(pcd.navigation.menuButton).toBeVisible();
    await saveState(page, authFile(browserIdOf(testInfo.project.name), 'pcd'));
  });
});

setup.describe('Microsoft 365', () => {
  setup.use({ portal: 'm365' });

  setup('sign in to Microsoft 365', async ({ m365, target, page }, testInfo) => {
    await m365.signIn.signIn(target.username, target.password);
    await expect(page.getByRole('heading', { name: 'Bills & payments' })).toBeVisible();
    await saveState(page, authFile(browserIdOf(testInfo.project.name), 'm365'));
  });
});

async function saveState(page: import('@playwright/test').Page, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.context().storageState({ path: file });
}
