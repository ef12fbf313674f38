import type { FullConfig } from '@playwright/test';
import { loadHarness, clearAuthStates } from './harness';
import { preflight, publishBrokenBrowsers, publishPreflight } from './preflight';
import { checkRemoteBrowser } from './browsers/remote';
import { UserInputError } from './config/errors';
import { PORTAL_IDS } from './config/portals';
import type { Settings } from './config/settings';

/**
 * Outside CI Playwright reuses a lab that is already running (`npm run lab`); make sure it serves the mode and
 * down-portals this run asked for, or the matrix would describe a different lab.
 */
async function checkRunningLab(settings: Settings): Promise<void> {
  for (const portal of PORTAL_IDS.filter((p) => settings.targets[p].isLab)) {
    const url = new URL('/lab/health', settings.targets[portal].url);
    const health = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then((r) => r.json() as Promise<{ mode?: string; down?: boolean }>).catch(() => undefined);
    if (!health) continue;
    const wantDown = settings.labDown.includes(portal);
    if (health.mode !== settings.labMode || health.down !== wantDown) {
      throw new UserInputError(
        `The lab already running at ${url.origin} serves LAB_MODE=${health.mode}${health.down ? ' (down)' : ''}, but this run asked for ` +
          `LAB_MODE=${settings.labMode}${wantDown ? ' (down)' : ''}. Stop that lab (npm run lab) or run with the same LAB_MODE.`,
      );
    }
  }
}

/** Runs once before any test: fresh storage states, portal pre-flight, remote browser reachability. */
export default async function globalSetup(_config: FullConfig): Promise<void> {
  const { settings, installed } = loadHarness();
  clearAuthStates();
  await checkRunningLab(settings);
  const [results, remotes] = await Promise.all([
    Promise.all(Object.values(settings.targets).map((t) => preflight(t))),
    Promise.all(installed.filter((b) => b.source === 'remote').map(async (b) => [b.id, await checkRemoteBrowser(b)] as const)),
  ]);
  publishPreflight(results);
  for (const r of results.filter((r) => !r.reachable)) {
    console.log(`portal-matrix: ${r.portal} is unreachable — ${r.reason}. Its tasks are reported as "portal unreachable"; no browser is blamed.`);
  }
  const broken: Record<string, string> = {};
  for (const [id, check] of remotes) {
    if (!check.ok) {
      broken[id] = check.reason;
      console.log(`portal-matrix: ${id}: ${check.reason}`);
    }
  }
  publishBrokenBrowsers(broken);
}
