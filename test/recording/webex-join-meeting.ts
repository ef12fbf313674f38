import type { Page } from '@playwright/test';
import { ScriptedUser } from './user';

/** Webex (no account): join a meeting by number from the browser, with a name; check the meeting's title (the recorder's text check). */
export default async function drive(page: Page): Promise<void> {
  const user = new ScriptedUser(page);
  await user.type(page.getByLabel('Meeting number or link'), '25501234567');
  await user.click(page.getByRole('button', { name: 'Join', exact: true }));
  await user.click(page.getByRole('link', { name: 'Join from this browser' }));
  await user.type(page.getByLabel('Name (required)'), 'IT Desk');
  await user.checkText(page.getByRole('heading', { name: 'Weekly IT Sync' }));
}
