import type { Locator, Page } from '@playwright/test';

/** Acme Router Console's sign-in form. Adjust the labels and the button's name to what the portal shows. */
export class AcmeRouterSignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.signInButton = page.getByRole('button', { name: 'Sign in' });
  }

  /** Fills in the form and submits it; the harness then checks that the form is gone, or reports what the page says. */
  async signIn(username: string, password: string): Promise<void> {
    await this.page.goto(this.baseUrl);
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signInButton.click();
  }

  /** Whether a saved session still opens the console's Devices page rather than this form. */
  async isSignedIn(): Promise<boolean> {
    await this.page.goto(new URL('devices', this.baseUrl).href);
    const devices = this.page.getByRole('heading', { name: 'Devices' });
    await devices.or(this.signInButton).first().waitFor();
    return devices.isVisible();
  }
}
