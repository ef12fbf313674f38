import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';

/** Microsoft sign-in in front of the admin center. */
export class M365SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.email = page.getByLabel('Email, phone, or Skype');
    this.password = page.getByLabel('Password');
    this.signInButton = page.getByRole('button', { name: 'Sign in' });
  }

  /** Signs in and lands on Billing › Bills & payments. */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto(new URL('login', this.baseUrl).href);
    await this.email.fill(email);
    await this.password.fill(password);
    const error = await submitAndReadError(this.page, this.signInButton);
    if (error) throw new Error(`Microsoft 365 refused the sign-in: ${error}`);
    await this.page.getByRole('heading', { name: 'Bills & payments' }).waitFor();
  }
}
