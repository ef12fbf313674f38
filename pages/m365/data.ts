import { decimal, isoDate, loadDataFile, oneOf, text } from '../../src/data';

export const invoiceSchema = {
  key: 'invoice' as const,
  columns: {
    invoice: text(), invoice_date: isoDate(), billing_period: text(),
    charges: decimal(), credits: decimal(), tax: decimal(), status: oneOf(['paid', 'due'] as const),
  },
};

export const paymentCardSchema = {
  key: 'id' as const,
  columns: {
    id: text(), holder: text(),
    number: { required: true, expected: '13 to 19 digits', read: (raw: string) => (/^\d{13,19}$/.test(raw) ? raw : undefined) },
    expiry: { required: true, expected: 'MM/YY', read: (raw: string) => (/^(0[1-9]|1[0-2])\/\d{2}$/.test(raw) ? raw : undefined) },
    security_code: { required: true, expected: '3 or 4 digits', read: (raw: string) => (/^\d{3,4}$/.test(raw) ? raw : undefined) },
    outcome: oneOf(['approved', 'declined'] as const),
  },
};

export const loadInvoices = (file?: string) => loadDataFile('m365/invoices.csv', invoiceSchema, file);
export const loadPaymentCards = (file?: string) => loadDataFile('m365/payment-cards.csv', paymentCardSchema, file);

export type Invoice = ReturnType<typeof loadInvoices>[number];
export type PaymentCard = ReturnType<typeof loadPaymentCards>[number];
