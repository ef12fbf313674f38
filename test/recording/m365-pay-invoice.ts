import type { Page } from '@playwright/test';
import { ScriptedUser } from './user';

/** Microsoft 365: Bills & payments › an invoice › Pay now, the card typed into the payment provider's frame. */
export default async function drive(page: Page): Promise<void> {
  const user = new ScriptedUser(page);
  await page.getByRole('table', { name: 'Invoices' }).waitFor();
  await user.click(page.getByRole('link', { name: 'E0600ABCD2', exact: true }));
  await user.click(page.getByRole('button', { name: 'Pay now' }));
  const frame = page.frameLocator('iframe[title="Payment provider"]');
  await user.type(frame.getByLabel('Cardholder name'), 'Contoso Billing');
  await user.type(frame.getByLabel('Card number'), '4111111111111111');
  await user.type(frame.getByLabel('Expiration date (MM/YY)'), '12/29');
  await user.type(frame.getByLabel('Security code'), '123');
  await user.click(frame.getByRole('button', { name: /^Pay / }));
  await user.checkVisible(page.getByRole('status'));
}
