import type { Locator, Page } from '@playwright/test';

/** Billing › Bills & payments, tab Invoices. */
export class BillsPage {
  readonly invoices: Locator;
  readonly paymentMethodsTab: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.invoices = page.getByRole('table', { name: 'Invoices' });
    this.paymentMethodsTab = page.getByRole('tab', { name: 'Payment methods' });
  }

  async open(): Promise<void> {
    await this.page.goto(new URL('billing/bills/invoices', this.baseUrl).href);
    await this.invoices.waitFor();
  }

  /** Opens an invoice from the list by its number. */
  async openInvoice(invoiceNumber: string): Promise<void> {
    await this.open();
    await this.invoices.getByRole('link', { name: invoiceNumber, exact: true }).click();
    await this.page.getByRole('heading', { name: 'Invoice summary' }).waitFor();
  }

  async openPaymentMethods(): Promise<void> {
    await this.open();
    await this.paymentMethodsTab.click();
    await this.page.getByRole('table', { name: 'Payment methods' }).waitFor();
  }
}
