import { test, expect } from '../../pages/m365/portal';
import { loadPaymentCards } from '../../pages/m365/data';

// The first card is already on the account; the second one is added and made the default.
const newCard = loadPaymentCards()[1];

test('add a card and make it the default payment method', { tag: ['@m365', '@replace-payment-method'] }, async ({ m365, destructive }) => {
  destructive('Changes the real billing account\'s payment method');
  test.skip(!newCard, 'data/m365/payment-cards.csv needs a second card');
  const card = { holder: newCard!.holder, number: newCard!.number, expiry: newCard!.expiry, securityCode: newCard!.security_code };
  const last4 = card.number.slice(-4);

  await test.step('Open Bills & payments › Payment methods', async () => {
    await m365.bills.openPaymentMethods();
  });

  await test.step(`Add a payment method ending in ${last4}`, async () => {
    expect(await m365.paymentMethods.addPaymentMethod(card)).toContain(`ending in ${last4} was added`);
  });

  await test.step('Replace the default payment method with the new card', async () => {
    const label = (await m365.paymentMethods.listPaymentMethods()).find((m) => m.method.endsWith(last4))!.method;
    expect(await m365.paymentMethods.replacePaymentMethod(label)).toContain('is now the default');
  });

  await test.step('Only the new card is the default', async () => {
    const defaults = (await m365.paymentMethods.listPaymentMethods()).filter((m) => m.isDefault);
    expect(defaults.map((m) => m.method)).toEqual([expect.stringContaining(last4)]);
  });
});
