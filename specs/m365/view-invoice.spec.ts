import { test, expect } from '../../pages/m365/portal';
import { loadInvoices } from '../../pages/m365/data';
import { SUMMARY_FIELDS } from '../../pages/m365/invoice-page';

const usd = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

for (const invoice of loadInvoices()) {
  test(`open invoice ${invoice.invoice}`, { tag: ['@m365', '@view-invoice'] }, async ({ m365 }) => {
    await test.step(`Open Bills & payments › Invoices › ${invoice.invoice}`, async () => {
      await m365.bills.openInvoice(invoice.invoice);
    });

    await test.step('The invoice summary shows every field, with the right totals', async () => {
      const summary = await m365.invoice.readSummary();
      expect(Object.keys(summary)).toEqual([...SUMMARY_FIELDS]);
      expect(summary['Invoice number']).toBe(invoice.invoice);
      expect(summary['Payment terms']).toBe('Net 30 days');
      const total = invoice.charges - invoice.credits + invoice.tax;
      expect(summary['Total amount']).toBe(usd(total));
      expect(summary['Amount due']).toBe(usd(invoice.status === 'paid' ? 0 : total));
    });
  });
}
