import type { Page } from '@playwright/test';
import { readPortalError } from '../portal-message';

/** Cisco Unified Serviceability › Tools › CDR Analysis and Reporting › "Export CDR/CMR Records". */
export class CdrExportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'CDR Analysis and Reporting' }).click();
    await this.page.getByLabel('Month').waitFor();
  }

  /** Exports the records of a month given as YYYY-MM; the portal's confirmation or its error. */
  async exportMonth(month: string): Promise<{ status?: string; error?: string }> {
    await this.page.getByLabel('Month').fill(month);
    await this.page.getByRole('button', { name: 'Export' }).click();
    // eslint-disable-next-line playwright/no-raw-locators -- the portal gives its result area no role or name
    const outcome = this.page.locator('#export-result').getByRole('status').or(this.page.locator('#export-result').getByRole('alert'));
    await outcome.first().waitFor();
    // eslint-disable-next-line playwright/no-raw-locators -- as above
    const error = await readPortalError(this.page.locator('#export-result'));
    return error ? { error } : { status: (await outcome.first().innerText()).trim() };
  }
}
