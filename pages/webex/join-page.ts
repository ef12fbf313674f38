import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';

/** Webex "Join a meeting" page and the meeting landing page ("Join from this browser"). */
export class JoinPage {
  readonly meeting: Locator;
  readonly join: Locator;
  readonly joinFromBrowser: Locator;
  readonly acceptCookies: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.meeting = page.getByLabel('Meeting number or link');
    this.join = page.getByRole('button', { name: 'Join', exact: true });
    this.joinFromBrowser = page.getByRole('link', { name: 'Join from this browser' });
    this.acceptCookies = page.getByRole('button', { name: 'Accept' });
  }

  /** Enters a meeting number (or link); returns the portal's message if the meeting cannot be joined. */
  async findMeeting(numberOrLink: string): Promise<{ title?: string; error?: string }> {
    await this.page.goto(this.baseUrl);
    if (await this.acceptCookies.isVisible()) await this.acceptCookies.click();
    await this.meeting.fill(numberOrLink);
    const error = await submitAndReadError(this.page, this.join);
    if (error) return { error };
    return { title: await this.page.getByRole('heading', { level: 2 }).innerText() };
  }

  async joinFromThisBrowser(): Promise<void> {
    await this.joinFromBrowser.click();
    await this.page.getByLabel('Name (required)').waitFor();
  }
}
