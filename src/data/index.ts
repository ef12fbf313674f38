import path from 'node:path';
import { loadCsv, type Located } from './csv';
import { clusterSchema, esxiHostSchema, invoiceSchema, knownIssueSchema, meetingSchema, paymentCardSchema, taskSchema } from './schemas';
import { UserInputError } from '../config/errors';

export type { Severity } from './schemas';

/** Where the data files live; DATA_DIR lets a team keep its own catalogue next to the harness. */
export const dataDir = (): string => path.resolve(process.env.DATA_DIR ?? path.join(__dirname, '..', '..', 'data'));
const file = (name: string): string => path.join(dataDir(), name);
const rows = <T>(located: Located<T>[]): T[] => located.map((l) => l.row);

export const loadTasks = (f = file('tasks.csv')) => rows(loadCsv(f, taskSchema));
export const loadKnownIssues = (f = file('known-issues.csv')) => rows(loadCsv(f, knownIssueSchema));
export const loadClusters = (f = file('pcd-clusters.csv')) => rows(loadCsv(f, clusterSchema));
export const loadEsxiHosts = (f = file('pcd-esxi-hosts.csv')) => rows(loadCsv(f, esxiHostSchema));
export const loadInvoices = (f = file('m365-invoices.csv')) => rows(loadCsv(f, invoiceSchema));
export const loadPaymentCards = (f = file('m365-payment-cards.csv')) => rows(loadCsv(f, paymentCardSchema));
export const loadMeetings = (f = file('webex-meetings.csv')) => rows(loadCsv(f, meetingSchema));

export type Task = ReturnType<typeof loadTasks>[number];
export type KnownIssue = ReturnType<typeof loadKnownIssues>[number];
export type Cluster = ReturnType<typeof loadClusters>[number];
export type EsxiHost = ReturnType<typeof loadEsxiHosts>[number];
export type Invoice = ReturnType<typeof loadInvoices>[number];
export type PaymentCard = ReturnType<typeof loadPaymentCards>[number];
export type Meeting = ReturnType<typeof loadMeetings>[number];

/** Loads every data file once, so any mistake in any file stops the run before a browser starts. */
export function loadAllData() {
  const tasks = loadTasks();
  const knownIssues = loadKnownIssues();
  for (const issue of knownIssues) {
    if (!tasks.some((t) => t.portal === issue.portal && t.task === issue.task)) {
      throw new UserInputError(`${file('known-issues.csv')}: known issue for ${issue.portal}/${issue.task}, but data/tasks.csv has no such task.`);
    }
  }
  return {
    tasks, knownIssues,
    clusters: loadClusters(), esxiHosts: loadEsxiHosts(),
    invoices: loadInvoices(), paymentCards: loadPaymentCards(), meetings: loadMeetings(),
  };
}

export function findRow<T>(items: T[], predicate: (item: T) => boolean, what: string): T {
  const found = items.find(predicate);
  if (!found) throw new UserInputError(`No ${what} in ${dataDir()}; the spec needs one.`);
  return found;
}
