import type { Page } from '@playwright/test';
import { ScriptedUser } from './user';

/** Device › Phone, find phones whose name begins with SEP00AABBCC10, and check the result lists one. */
export default async function drive(page: Page): Promise<void> {
  const user = new ScriptedUser(page);
  await user.click(page.getByRole('link', { name: 'Cisco Unified Communications Manager' }));
  await page.getByRole('navigation', { name: 'Administration menus' }).waitFor();
  await user.click(page.getByRole('button', { name: 'Device', exact: true }));
  await user.click(page.getByRole('menuitem', { name: 'Phone', exact: true }));
  await page.getByLabel('Search text').waitFor();
  await user.type(page.getByLabel('Search text'), 'SEP00AABBCC10');
  await user.click(page.getByRole('button', { name: 'Find', exact: true }));
  await page.getByRole('table', { name: 'Phones' }).waitFor();
  await user.checkVisible(page.getByRole('link', { name: 'SEP00AABBCC1001' }));
}
