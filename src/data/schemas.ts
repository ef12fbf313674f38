import { PORTAL_IDS } from '../config/portals';
import { BROWSER_IDS } from '../browsers/ids';
import { decimal, isoDate, list, oneOf, text, yesNo } from './csv';

export const SEVERITIES = ['critical', 'normal', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

const taskId = (): ReturnType<typeof text> => ({
  required: true, expected: 'a task id in kebab-case (e.g. database-status)',
  read: (raw) => (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(raw) ? raw : undefined),
});

export const taskSchema = {
  key: 'task' as const,
  columns: { portal: oneOf(PORTAL_IDS), task: taskId(), title: text(), severity: oneOf(SEVERITIES), description: text() },
};

export const knownIssueSchema = {
  columns: { portal: oneOf(PORTAL_IDS), task: taskId(), browser: oneOf(BROWSER_IDS), reason: text(), link: text(false) },
};

export const clusterSchema = {
  key: 'id' as const,
  columns: { id: text(), nickname: text(), publisher: text(), product: text(), nodes: list(), unreachable_node: text(false) },
};

export const esxiHostSchema = { key: 'id' as const, columns: { id: text(), hostname: text(), username: text() } };

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

export const meetingSchema = {
  key: 'id' as const,
  columns: {
    id: text(),
    number: { required: true, expected: 'a meeting number of 9 to 11 digits', read: (raw: string) => (/^\d{9,11}$/.test(raw) ? raw : undefined) },
    title: text(), password: text(false), lobby: yesNo(), state: oneOf(['open', 'ended', 'unknown'] as const),
  },
};
