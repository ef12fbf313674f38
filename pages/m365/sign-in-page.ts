import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';
import { totpCode } from '../../src/auth/totp';

export interface MicrosoftAccount {
  email: string;
  password: string;
  /** Base32 TOTP secret, for an account with an authenticator app (M365_TOTP_SECRET). */
  totpSecret?: string;
  /** The answer to "Stay signed in?" (default Yes: the session then outlives the browser). */
  staySignedIn?: boolean;
}

/**
 * Microsoft's sign-in in front of the admin center, one screen at a time: "Sign in" (e-mail, Next), "Enter
 * password" (Sign in), "Enter code" when the account has MFA (Verify), "Stay signed in?" (Yes/No).
 */
export class M365SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly code: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.email = page.getByLabel('Enter your email, phone, or Skype.');
    this.password = page.getByLabel('Password');
    this.code = page.getByLabel('Code');
  }

  private heading(name: string): Locator {
    return this.page.getByRole('heading', { name, exact: true });
  }

  /** Which screen the flow is on now (waits for one of them). */
  private async screen(): Promise<'code' | 'push' | 'stay' | 'signed-in'> {
    const screens = { code: this.heading('Enter code'), push: this.heading('Approve sign in request'), stay: this.heading('Stay signed in?'), 'signed-in': this.heading('Bills & payments') };
    await Object.values(screens).reduce((a, b) => a.or(b)).first().waitFor();
    for (const [name, heading] of Object.entries(screens)) if (await heading.isVisible()) return name as keyof typeof screens;
    throw new Error('the sign-in flow showed no screen this page object knows');
  }

  /**
   * Signs in through every screen and lands on Billing › Bills & payments. Returns Microsoft's own words when it
   * refuses (e.g. "Your account or password is incorrect…"), undefined when signed in.
   */
  async signIn(account: MicrosoftAccount): Promise<string | undefined> {
    await this.page.goto(new URL('login', this.baseUrl).href);
    await this.email.fill(account.email);
    const unknown = await submitAndReadError(this.page, this.page.getByRole('button', { name: 'Next' }));
    if (unknown) return unknown;
    await this.password.fill(account.password);
    const refused = await submitAndReadError(this.page, this.page.getByRole('button', { name: 'Sign in' }));
    if (refused) return refused;
    let screen = await this.screen();
    if (screen === 'push') throw new Error('the account uses push MFA (Approve sign in request), which no script can answer: run npm run sign-in -- m365 once by hand');
    if (screen === 'code') {
      if (!account.totpSecret) throw new Error('the account asks for an authenticator code: set M365_TOTP_SECRET (the key shown when the app was registered), or run npm run sign-in -- m365 once by hand');
      const wrongCode = await this.enterCode(account.totpSecret);
      if (wrongCode) return wrongCode;
      screen = await this.screen();
    }
    if (screen === 'stay') {
      await this.page.getByRole('button', { name: account.staySignedIn === false ? 'No' : 'Yes', exact: true }).click();
      screen = await this.screen();
    }
    return screen === 'signed-in' ? undefined : `the sign-in ended on "${await this.page.title()}"`;
  }

  /**
   * Enters the current code. A code is accepted once: when another browser of the same run has just used it,
   * the next step's code (accepted within Microsoft's clock tolerance) is tried, then — after waiting for the
   * next step — the code after that. Returns the refusal if all fail.
   */
  private async enterCode(secret: string): Promise<string | undefined> {
    let refusal: string | undefined;
    for (const attempt of [0, 1, 2]) {
      if (attempt === 2) await this.page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
      await this.code.fill(totpCode(secret, { timestamp: Date.now() + (attempt ? 30_000 : 0) }));
      refusal = await submitAndReadError(this.page, this.page.getByRole('button', { name: 'Verify' }));
      if (!refusal) return undefined;
    }
    return refusal;
  }

  /** Whether the browser's session is still signed in: the admin center opens instead of the sign-in page. */
  async isSignedIn(): Promise<boolean> {
    await this.page.goto(new URL('billing/bills/invoices', this.baseUrl).href);
    const shown = this.heading('Bills & payments').or(this.heading('Sign in'));
    await shown.first().waitFor();
    return this.heading('Bills & payments').isVisible();
  }
}
