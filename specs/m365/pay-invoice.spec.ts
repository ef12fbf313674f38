import { test, expect, expectNoPortalError } from '../../pages/m365/portal';
import { loadInvoices, loadPaymentCards } from '../../pages/m365/data';

const invoice = loadInvoices().find((i) => i.status === 'due');
const card = loadPaymentCards().find((c) => c.outcome === 'approved');

test(`pay invoice ${invoice?.invoice} with Pay now`, { tag: ['@m365', '@pay-invoice'] }, async ({ m365, destructive }) => {
  destructive('Pays a real invoice');
  test.skip(!invoice || !card, 'needs a due invoice in data/m365/invoices.csv and an approved card in data/m365/payment-cards.csv');

  await test.step(`Open invoice ${invoice!.invoice}`, async () => {
    await m365.bills.openInvoice(invoice!.invoice);
    expect(await m365.invoice.amountDue()).not.toBe('$0.00');
  });

  const result = await test.step('Pay now with a card on the payment provider\'s form', async () =>
    m365.invoice.payNow({ holder: card!.holder, number: card!.number, expiry: card!.expiry, securityCode: card!.security_code }));

  await test.step('The payment went through and Amount due is $0.00', async () => {
    expectNoPortalError(result.paid ? undefined : result.message, 'Pay now');
    expect(await m365.invoice.amountDue()).toBe('$0.00');
  });
});
