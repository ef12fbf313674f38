import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';
import type { CardDetails } from './payment-provider-frame';
import { readTableRows } from '../tables';

export interface PaymentMethodRow { method: string; holder: string; expires: string; isDefault: boolean }

/** Bills & payments › Payment methods: add a card, replace the default. */
export class PaymentMethodsPage {
  readonly methods: Locator;
  readonly addLink: Locator;
  readonly replaceLink: Locator;
  readonly confirmation: Locator;

  constructor(readonly page: Page) {
    this.methods = page.getByRole('table', { name: 'Payment methods' });
    this.addLink = page.getByRole('link', { name: 'Add a payment method' });
    this.replaceLink = page.getByRole('link', { name: 'Replace payment method' });
    this.confirmation = page.getByRole('status');
  }

  /** Adds a card; returns the confirmation, or throws with the portal's own error. */
  async addPaymentMethod(card: CardDetails): Promise<string> {
    await this.addLink.click();
    await this.page.getByLabel('Cardholder name').fill(card.holder);
    await this.page.getByLabel('Card number').fill(card.number);
    await this.page.getByLabel('Expiration date (MM/YY)').fill(card.expiry);
    await this.page.getByLabel('Security code').fill(card.securityCode);
    return this.outcome(this.page.getByRole('button', { name: 'Save' }));
  }

  /** Makes the card whose label is given (e.g. "Mastercard ending in 4444") the default. */
  async replacePaymentMethod(methodLabel: string): Promise<string> {
    await this.replaceLink.click();
    await this.page.getByRole('radio', { name: methodLabel }).check();
    return this.outcome(this.page.getByRole('button', { name: 'Replace' }));
  }

  async listPaymentMethods(): Promise<PaymentMethodRow[]> {
    return (await readTableRows(this.methods)).map(([method = '', holder = '', expires = '', isDefault = '']) =>
      ({ method, holder, expires, isDefault: isDefault.trim() === 'Default' }));
  }

  private async outcome(submit: Locator): Promise<string> {
    const error = await submitAndReadError(this.page, submit);
    if (error) throw new Error(`Microsoft 365 showed: ${error}`);
    return this.confirmation.innerText();
  }
}
