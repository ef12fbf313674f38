import path from 'node:path';
import { loadCsv, type Column, type CsvSchema, type Located, type Row } from './csv';
import { knownIssueSchema, taskSchema } from './schemas';
import { UserInputError } from '../config/errors';
import { setting } from '../config/env';
import { loadPortals, portalIds } from '../portals/registry';

export type { Severity } from './schemas';
/** Column types for a portal's own data files. */
export { text, integer, decimal, oneOf, yesNo, isoDate, list } from './csv';

/** Where the data files live; DATA_DIR lets a team keep its own catalogue next to the harness. */
export const dataDir = (): string => path.resolve(setting(process.env, 'DATA_DIR') ?? path.join(__dirname, '..', '..', 'data'));
export const dataFile = (name: string): string => path.join(dataDir(), name);
const rows = <T>(located: Located<T>[]): T[] => located.map((l) => l.row);

/** A portal's own data file (e.g. `cucm-phones.csv` in DATA_DIR), checked against its schema, as rows. */
export function loadDataFile<S extends Record<string, Column<unknown>>>(name: string, schema: CsvSchema<S>, file = dataFile(name)): Row<S>[] {
  return rows(loadCsv(file, schema));
}

/** `portals`: the plug-ins' ids the portal column must name; `null` for any (the reporter in another project). */
export const loadTasks = (f = dataFile('tasks.csv'), portals: readonly string[] | null = portalIds()) => rows(loadCsv(f, taskSchema(portals)));
export const loadKnownIssues = (f = dataFile('known-issues.csv'), portals: readonly string[] | null = portalIds()) => rows(loadCsv(f, knownIssueSchema(portals)));

export type Task = ReturnType<typeof loadTasks>[number];
export type KnownIssue = ReturnType<typeof loadKnownIssues>[number];

/** Loads every data file once — the catalogue and each portal's own — so any mistake stops the run before a browser starts. */
export function loadAllData(): { tasks: Task[]; knownIssues: KnownIssue[] } {
  const tasks = loadTasks();
  const knownIssues = loadKnownIssues();
  for (const issue of knownIssues) {
    if (!tasks.some((t) => t.portal === issue.portal && t.task === issue.task)) {
      throw new UserInputError(`${dataFile('known-issues.csv')}: known issue for ${issue.portal}/${issue.task}, but data/tasks.csv has no such task.`);
    }
  }
  for (const portal of loadPortals()) portal.checkData?.();
  return { tasks, knownIssues };
}

export function findRow<T>(items: T[], predicate: (item: T) => boolean, what: string): T {
  const found = items.find(predicate);
  if (!found) throw new UserInputError(`No ${what} in ${dataDir()}; the spec needs one.`);
  return found;
}
