import type { FrameLocator, Locator } from '@playwright/test';

export interface CardDetails { holder: string; number: string; expiry: string; securityCode: string }

/** The payment provider's card form, served from another site and embedded in the admin center. */
export class PaymentProviderFrame {
  readonly holder: Locator;
  readonly number: Locator;
  readonly expiry: Locator;
  readonly securityCode: Locator;
  readonly payButton: Locator;

  constructor(readonly frame: FrameLocator) {
    this.holder = frame.getByLabel('Cardholder name');
    this.number = frame.getByLabel('Card number');
    this.expiry = frame.getByLabel('Expiration date (MM/YY)');
    this.securityCode = frame.getByLabel('Security code');
    this.payButton = frame.getByRole('button', { name: /^Pay / });
  }

  async pay(card: CardDetails): Promise<void> {
    await this.holder.fill(card.holder);
    await this.number.fill(card.number);
    await this.expiry.fill(card.expiry);
    await this.securityCode.fill(card.securityCode);
    await this.payButton.click();
  }
}
