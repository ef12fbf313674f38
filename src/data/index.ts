import fs from 'node:fs';
import path from 'node:path';
import { loadCsv, type Column, type CsvSchema, type Located, type Row } from './csv';
import { knownIssueSchema, taskSchema } from './schemas';
import { UserInputError } from '../errors';
import { setting } from '../config/env';
import { loadPortals, portalIds } from '../portals/registry';

export type { Severity } from './schemas';
/** Column types for a portal's own data files. */
export { text, integer, decimal, oneOf, yesNo, isoDate, list } from './csv';

/** Where the data files live; DATA_DIR lets a team keep its own catalogue next to the harness. */
export const dataDir = (): string => path.resolve(setting(process.env, 'DATA_DIR') ?? path.join(__dirname, '..', '..', 'data'));
export const dataFile = (name: string): string => path.join(dataDir(), name);
const rows = <T>(located: Located<T>[]): T[] => located.map((l) => l.row);

/** A portal's own data file (e.g. `cucm/phones.csv` in DATA_DIR), checked against its schema, as rows. */
export function loadDataFile<S extends Record<string, Column<unknown>>>(name: string, schema: CsvSchema<S>, file = dataFile(name)): Row<S>[] {
  return rows(loadCsv(file, schema));
}

/** Each portal's task list: `data/<portal>/tasks.csv`, whose portal column names that portal. */
export const portalTasksFile = (portal: string): string => dataFile(path.join(portal, TASKS_FILE));
const TASKS_FILE = 'tasks.csv';

/**
 * The task catalogue. Without a file: every portal's own `data/<portal>/tasks.csv`, in the order of the plug-ins
 * (a folder that is no plug-in's is an error, so a typo cannot hide tasks). With one (the reporter in another
 * project, `tasksFile`): that file, whose portal column names any portal (`portals` = null) or the given ones.
 */
export function loadTasks(file?: string, portals: readonly string[] | null = portalIds()): Row<ReturnType<typeof taskSchema>['columns']>[] {
  if (file) return rows(loadCsv(file, taskSchema(portals)));
  const folders = fs.existsSync(dataDir()) ? fs.readdirSync(dataDir(), { withFileTypes: true }).filter((d) => d.isDirectory() && fs.existsSync(path.join(dataDir(), d.name, TASKS_FILE))).map((d) => d.name) : [];
  const stray = portals ? folders.filter((f) => !portals.includes(f)) : [];
  if (stray.length) throw new UserInputError(`${portalTasksFile(stray[0]!)}: there is no portal "${stray[0]}" (pages/${stray[0]}/portal.ts); known portals: ${portals!.join(', ')}.`);
  const order = portals ?? folders.sort();
  return order.filter((p) => folders.includes(p)).flatMap((p) => rows(loadCsv(portalTasksFile(p), taskSchema([p]))));
}

export const loadKnownIssues = (f = dataFile('known-issues.csv'), portals: readonly string[] | null = portalIds()) => rows(loadCsv(f, knownIssueSchema(portals)));

export type Task = ReturnType<typeof loadTasks>[number];
export type KnownIssue = ReturnType<typeof loadKnownIssues>[number];

/** Loads every data file once — the catalogue and each portal's own — so any mistake stops the run before a browser starts. */
export function loadAllData(): { tasks: Task[]; knownIssues: KnownIssue[] } {
  const tasks = loadTasks();
  const knownIssues = loadKnownIssues();
  for (const issue of knownIssues) {
    if (!tasks.some((t) => t.portal === issue.portal && t.task === issue.task)) {
      throw new UserInputError(`${dataFile('known-issues.csv')}: known issue for ${issue.portal}/${issue.task}, but ${path.relative(process.cwd(), portalTasksFile(issue.portal))} has no such task.`);
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
