import fs from 'node:fs';
import { test, expect } from '../../pages/m365/portal';
import { loadInvoices } from '../../pages/m365/data';

const [invoice] = loadInvoices();

test('download an invoice PDF', { tag: ['@m365', '@download-invoice'] }, async ({ m365 }, testInfo) => {
  test.skip(!invoice, 'data/m365/invoices.csv lists no invoice');
  await m365.bills.openInvoice(invoice!.invoice);
  const file = testInfo.outputPath(`invoice-${invoice!.invoice}.pdf`);

  await test.step('Download PDF', async () => {
    const download = await m365.invoice.downloadPdf();
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await download.saveAs(file);
  });

  await test.step('The file is a PDF of this invoice', async () => {
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(500);
  });
});
