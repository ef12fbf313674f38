import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';

/** "Installed Applications" → Cisco Unified Communications Manager → the "Cisco Unified CM Administration" sign-in. */
export class CucmSignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly login: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.login = page.getByRole('button', { name: 'Login' });
  }

  /** Opens the appliance's landing page and follows the link to the administration sign-in, as a person does. */
  async open(): Promise<void> {
    await this.page.goto(this.baseUrl);
    await this.page.getByRole('link', { name: 'Cisco Unified Communications Manager' }).click();
    await this.username.waitFor();
  }

  /** Whether the session still opens the administration pages rather than the sign-in page. */
  async isSignedIn(): Promise<boolean> {
    await this.page.goto(new URL('ccmadmin/showHome.do', this.baseUrl).href);
    const menus = this.page.getByRole('navigation', { name: 'Administration menus' });
    await menus.or(this.login).first().waitFor();
    return menus.isVisible();
  }

  /** Signs in; returns the portal's refusal ("Login failed. …") or undefined once the home page shows. */
  async signIn(username: string, password: string): Promise<string | undefined> {
    await this.open();
    await this.username.fill(username);
    await this.password.fill(password);
    const error = await submitAndReadError(this.page, this.login);
    if (error) return error;
    await this.page.getByRole('navigation', { name: 'Administration menus' }).waitFor();
    return undefined;
  }
}
