import type { Page } from '@playwright/test';

/** What a person sees when they open Acme Router Console: a sign-in form or the portal's own page. */
export interface FirstView {
  status: number;
  title: string;
  shows: 'sign-in' | 'content' | 'nothing';
}

/** The page Acme Router Console opens on. Add methods named after what users do (e.g. `approveRequest`), not clicks. */
export class AcmeRouterHomePage {
  constructor(readonly page: Page, readonly baseUrl: string) {}

  async open(): Promise<FirstView> {
    const response = await this.page.goto(this.baseUrl);
    await this.page.waitForLoadState();
    // eslint-disable-next-line playwright/no-raw-locators -- a password field has no role, and its label is the portal's own
    const password = this.page.locator('input[type=password]');
    const content = this.page.getByRole('heading').or(this.page.getByRole('main')).or(this.page.getByRole('link'));
    const shows = (await password.count()) ? 'sign-in' : (await content.count()) ? 'content' : 'nothing';
    return { status: response?.status() ?? 0, title: await this.page.title(), shows };
  }
}
