/** Annotation types the matrix reporter reads; fixtures (ours or any project's) add them to a test. */
export const ANNOTATIONS = {
  /** The portal's own error text, e.g. "Database access error: …". */
  portalMessage: 'portal-message',
  /** Why the portal's pre-flight failed; the test was skipped and no browser is blamed. */
  portalUnreachable: 'portal-unreachable',
  /** browser.version() as the running browser reports it. */
  browserVersion: 'browser-version',
  /**
   * The test never started its task because something before it failed — its portal's sign-in, the browser.
   * The cell is broken with this reason, blames neither task nor browser, and is never a regression.
   */
  couldNotRun: 'could-not-run',
} as const;

/**
 * A test's portal and task from its tags (`@pcd @database-status`), looked up in the task catalogue.
 * `portal` is set whenever a tag names a catalogued portal, even if no task tag matches.
 */
export function taskFromTags<T extends { portal: string; task: string }>(tags: readonly string[], tasks: readonly T[]): { portal?: string; task?: T } {
  const names = tags.map((t) => t.replace(/^@/, ''));
  const portal = names.find((n) => tasks.some((t) => t.portal === n));
  return { portal, task: tasks.find((t) => t.portal === portal && names.includes(t.task)) };
}

/** Project name → browser id: a sign-in setup project as Playwright's docs name it ("setup-firefox") belongs to firefox. */
export const browserIdOf = (projectName: string): string => projectName.replace(/^setup-/, '');
