import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';

/** PCD "Log In" screen and the logon message that may follow it (lab view: lab/pcd/views.ts). */
export class PcdLoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly logIn: Locator;
  readonly acknowledge: Locator;
  readonly navigationButton: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.logIn = page.getByRole('button', { name: 'Log In' });
    this.acknowledge = page.getByRole('button', { name: 'Acknowledge' });
    this.navigationButton = page.getByRole('button', { name: 'Open and close navigation' });
  }

  async open(): Promise<void> {
    await this.page.goto(new URL('login', this.baseUrl).href);
  }

  /** Submits the credentials once; returns the portal's error if it refused them. */
  async attemptSignIn(username: string, password: string): Promise<string | undefined> {
    await this.username.fill(username);
    await this.password.fill(password);
    return submitAndReadError(this.page, this.logIn);
  }

  /** Signs in and accepts the logon message; resolves on the home page. */
  async signIn(username: string, password: string): Promise<void> {
    await this.open();
    const error = await this.attemptSignIn(username, password);
    if (error) throw new Error(`PCD refused the sign-in: ${error}`);
    await this.acknowledgeLogonMessage();
  }

  /** Whether the session still opens the home page (not the "Log In" screen or the logon message). */
  async isSignedIn(): Promise<boolean> {
    await this.page.goto(this.baseUrl);
    await this.navigationButton.or(this.logIn).or(this.acknowledge).first().waitFor();
    return this.navigationButton.isVisible();
  }

  async acknowledgeLogonMessage(): Promise<void> {
    if (await this.acknowledge.isVisible()) await this.acknowledge.click();
    await this.navigationButton.waitFor();
  }
}
