import type { FullConfig } from '@playwright/test';
import { loadHarness, clearAuthStates } from './harness';
import { preflight, publishPreflight, BROKEN_BROWSERS_ENV } from './preflight';
import { checkRemoteBrowser } from './browsers/remote';

/** Runs once before any test: fresh storage states, portal pre-flight, remote browser reachability. */
export default async function globalSetup(_config: FullConfig): Promise<void> {
  const { settings, installed } = loadHarness();
  clearAuthStates();
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
  process.env[BROKEN_BROWSERS_ENV] = JSON.stringify(broken);
}
