import type { Page } from '@playwright/test';
import type { PortalTarget } from '../../src/portals/settings';
import { ScriptedUser } from './user';

/**
 * The lab's Unified CM as a freshly scaffolded portal sees it: not signed in. Follow the link to the
 * administration, sign in (the password from RECORD_TEST_PASSWORD), Device › Phone, find phones whose name
 * begins with SEP00AABBCC10 and check that the reception phone is listed.
 */
export default async function drive(page: Page, _target: PortalTarget): Promise<void> {
  const user = new ScriptedUser(page);
  await user.click(page.getByRole('link', { name: 'Cisco Unified Communications Manager' }));
  await user.type(page.getByLabel('Username'), 'ccmadmin');
  await user.type(page.getByLabel('Password'), process.env.RECORD_TEST_PASSWORD ?? '');
  await user.click(page.getByRole('button', { name: 'Login' }));
  await page.getByRole('navigation', { name: 'Administration menus' }).waitFor();
  await user.click(page.getByRole('button', { name: 'Device', exact: true }));
  await user.click(page.getByRole('menuitem', { name: 'Phone', exact: true }));
  await user.type(page.getByLabel('Search text'), 'SEP00AABBCC10');
  await user.click(page.getByRole('button', { name: 'Find', exact: true }));
  await page.getByRole('table', { name: 'Phones' }).waitFor();
  await user.checkVisible(page.getByRole('link', { name: 'SEP00AABBCC1001' }));
}
