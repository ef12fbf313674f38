import { BROWSER_IDS } from '../browsers/ids';
import { oneOf, text, type Column } from './csv';

export const SEVERITIES = ['critical', 'normal', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

const taskId = (): Column<string> => ({
  required: true, expected: 'a task id in kebab-case (e.g. database-status)',
  read: (raw) => (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(raw) ? raw : undefined),
});

/** The portal column accepts the ids of the portal plug-ins found under pages/. */
export const taskSchema = (portalIds: readonly string[]) => ({
  key: 'task' as const,
  keyScope: 'portal' as const,
  columns: { portal: oneOf(portalIds), task: taskId(), title: text(), severity: oneOf(SEVERITIES), description: text() },
});

export const knownIssueSchema = (portalIds: readonly string[]) => ({
  columns: { portal: oneOf(portalIds), task: taskId(), browser: oneOf(BROWSER_IDS), reason: text(), link: text(false) },
});
