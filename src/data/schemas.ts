import { BROWSER_IDS } from '../browsers/ids';
import { oneOf, text, type Column } from './csv';

export const SEVERITIES = ['critical', 'normal', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

const taskId = (): Column<string> => ({
  required: true, expected: 'a task id in kebab-case (e.g. database-status)',
  read: (raw) => (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(raw) ? raw : undefined),
});

/**
 * The portal column accepts the ids of the portal plug-ins found under pages/ — or, for the reporter in another
 * project (`null`: no plug-ins there), any kebab-case name; the browser column then any project name.
 */
const portalColumn = (portalIds: readonly string[] | null): Column<string> => (portalIds ? oneOf(portalIds) : { ...taskId(), expected: 'a portal name in kebab-case (the @portal tag)' });

export const taskSchema = (portalIds: readonly string[] | null) => ({
  key: 'task' as const,
  keyScope: 'portal' as const,
  columns: { portal: portalColumn(portalIds), task: taskId(), title: text(), severity: oneOf(SEVERITIES), description: text() },
});

export const knownIssueSchema = (portalIds: readonly string[] | null) => ({
  columns: { portal: portalColumn(portalIds), task: taskId(), browser: portalIds ? oneOf(BROWSER_IDS) : text(), reason: text(), link: text(false) },
});
