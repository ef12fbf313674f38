import { newId } from '../shared/sessions';

export interface Checkout {
  id: string;
  invoice: string;
  amount: number;
  status: 'open' | 'approved' | 'declined' | 'captured';
}

/** The provider's ledger, shared in-process so the admin center can verify a checkout server-to-server. */
export class CheckoutLedger {
  private readonly checkouts = new Map<string, Checkout>();

  open(invoice: string, amount: number): Checkout {
    const checkout: Checkout = { id: newId(), invoice, amount, status: 'open' };
    this.checkouts.set(checkout.id, checkout);
    return checkout;
  }

  get(id: string | undefined): Checkout | undefined {
    return id ? this.checkouts.get(id) : undefined;
  }

  /** Captures an approved checkout once; a replayed or foreign checkout id is refused. */
  capture(id: string, invoice: string): Checkout | undefined {
    const checkout = this.checkouts.get(id);
    if (!checkout || checkout.status !== 'approved' || checkout.invoice !== invoice) return undefined;
    checkout.status = 'captured';
    return checkout;
  }
}
