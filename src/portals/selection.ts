import path from 'node:path';
import type { FullConfig, Reporter, Suite } from '@playwright/test/reporter';

/*
 * Only the portals a run selected sign in. Playwright runs every test of a dependency project (the sign-in
 * setups) whatever `--grep`, `--project`, a file filter or `--last-failed` selected; this reporter — listed in
 * our own config only — sees the selection when the run begins, before any worker starts, and hands it to the
 * setups through the environment the workers inherit.
 */
export const SELECTED_PORTALS = 'PORTAL_MATRIX_SELECTED_PORTALS';

/** Is this portal's sign-in needed in this run? True when nobody said (UI mode, a run without the reporter). */
export function portalSelected(portal: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const selected = env[SELECTED_PORTALS];
  return selected === undefined || selected.split(',').includes(portal);
}

export default class SelectionReporter implements Reporter {
  onBegin(config: FullConfig, suite: Suite): void {
    // UI mode and watch mode choose tests again and again in the same workers: everyone signs in there.
    if (process.argv.some((a) => a === '--ui' || a.startsWith('--ui-') || a === '--watch')) return;
    const portals = new Set<string>();
    for (const test of suite.allTests()) {
      const project = test.parent.project();
      if (!project || /\.setup\.[jt]s$/.test(test.location.file)) continue;
      // specs/<portal>/<task>.spec.ts
      const [portal] = path.relative(project.testDir, test.location.file).split(path.sep);
      if (portal) portals.add(portal);
    }
    process.env[SELECTED_PORTALS] = [...portals].sort().join(',');
  }

  printsToStdio(): boolean {
    return false;
  }
}
