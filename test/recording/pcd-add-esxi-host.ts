import type { Page } from '@playwright/test';
import { ScriptedUser } from './user';

/** PCD: navigation › ESXi Hosts › Add ESXi Host (the host's root password is typed) › OK; check the confirmation. */
export default async function drive(page: Page): Promise<void> {
  const user = new ScriptedUser(page);
  await page.getByRole('button', { name: 'Open and close navigation' }).waitFor();
  if (!(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible())) await user.click(page.getByRole('button', { name: 'Open and close navigation' }));
  await user.click(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'ESXi Hosts', exact: true }));
  await user.click(page.getByRole('link', { name: 'Add ESXi Host' }));
  await user.type(page.getByLabel('Hostname/IP Address'), 'esxi-07.lab.example');
  await user.type(page.getByLabel('Username'), 'root');
  await user.type(page.getByLabel('Password'), process.env.RECORD_TEST_PASSWORD ?? 'Esxi-Root-1!');
  await user.click(page.getByRole('button', { name: 'OK' }));
  await user.checkVisible(page.getByRole('status'));
}
