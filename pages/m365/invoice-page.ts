import type { Download, Locator, Page } from '@playwright/test';
import { PaymentProviderFrame, type CardDetails } from './payment-provider-frame';

export const SUMMARY_FIELDS = ['Sold to', 'Bill to', 'Billing profile', 'Invoice number', 'Invoice date', 'Billing period', 'Payment terms',
  'Charges', 'Credits', 'Subtotal', 'Tax', 'Total amount', 'Amount due'] as const;
export type InvoiceSummary = Record<(typeof SUMMARY_FIELDS)[number], string>;

/** An invoice: its summary, Download PDF and Pay now (card form hosted by the payment provider). */
export class InvoicePage {
  readonly summary: Locator;
  readonly downloadPdfLink: Locator;
  readonly payNowButton: Locator;
  readonly paymentOutcome: Locator;
  readonly provider: PaymentProviderFrame;

  constructor(readonly page: Page) {
    this.summary = page.getByRole('definition');
    this.downloadPdfLink = page.getByRole('link', { name: 'Download PDF' });
    this.payNowButton = page.getByRole('button', { name: 'Pay now' });
    // eslint-disable-next-line playwright/no-raw-locators -- the portal gives its result area no role or name
    this.paymentOutcome = page.locator('#payment-result').getByRole('alert').or(page.locator('#payment-result').getByRole('status'));
    this.provider = new PaymentProviderFrame(page.getByTitle('Payment provider').contentFrame());
  }

  /** Every field of the invoice summary as the page shows it. */
  async readSummary(): Promise<InvoiceSummary> {
    const terms = await this.page.getByRole('term').allInnerTexts();
    const values = await this.summary.allInnerTexts();
    return Object.fromEntries(terms.map((t, i) => [t.trim(), (values[i] ?? '').trim()])) as InvoiceSummary;
  }

  async amountDue(): Promise<string> {
    return (await this.readSummary())['Amount due'];
  }

  async downloadPdf(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.downloadPdfLink.click();
    return download;
  }

  /** Pays the balance with a card through the provider's embedded form; returns what the admin center says. */
  async payNow(card: CardDetails): Promise<{ paid: boolean; message: string }> {
    await this.payNowButton.click();
    await this.provider.pay(card);
    await this.paymentOutcome.waitFor({ timeout: 15_000 });
    const message = (await this.paymentOutcome.innerText()).trim();
    return { paid: (await this.paymentOutcome.getAttribute('role')) === 'status', message };
  }
}
