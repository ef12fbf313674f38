import http from 'node:http';
import path from 'node:path';
import https from 'node:https';
import type { FullConfig } from '@playwright/test';
import { loadHarness, clearAuthStates } from './harness';
import { preflight, publishBrokenBrowsers, publishPreflight } from './preflight';
import { checkRemoteBrowser } from './browsers/remote';
import { UserInputError, exitOnBadInput } from './errors';
import type { PortalTarget, Settings } from './portals/settings';
import { CHECKOUT } from './config/paths';

/** The lab's health answer; HTTPS replicas are asked with the lab's own certificate as the only trust. */
interface LabHealth { mode?: string; down?: boolean; checkout?: string; pid?: number }

async function labHealth(url: URL, target: PortalTarget): Promise<LabHealth | undefined> {
  const ca = target.tls.mode === 'ca-file' ? target.tls.pem : undefined;
  return new Promise((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).get(url, { ca, signal: AbortSignal.timeout(5_000) }, (response) => {
      let body = '';
      response.on('data', (c: Buffer) => (body += c.toString()));
      response.on('end', () => { try { resolve(JSON.parse(body) as LabHealth); } catch { resolve(undefined); } });
    });
    request.on('error', () => resolve(undefined));
  });
}

/**
 * Outside CI Playwright reuses a lab that is already running (`npm run lab`); make sure it is this checkout's
 * (another checkout's lab runs other code) and serves the mode and down-portals this run asked for, or the matrix
 * would describe a different lab.
 */
export async function checkRunningLab(settings: Settings): Promise<void> {
  for (const target of Object.values(settings.targets).filter((t) => t.isLab)) {
    const portal = target.id;
    const url = new URL('/lab/health', target.url);
    const health = await labHealth(url, target);
    if (!health) continue;
    if (path.resolve(health.checkout ?? '?') !== CHECKOUT) {
      throw new UserInputError(
        `The lab answering at ${url.origin} was started from ${health.checkout ? `another checkout (${health.checkout})` : 'an older portal-matrix version'}${health.pid ? `, process ${health.pid}` : ''}. ` +
          `Stop it (Ctrl+C where it runs${health.pid ? `, or end process ${health.pid}` : ''}), or give this checkout other ports (LAB_${target.envPrefix}_PORT).`,
      );
    }
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
  await checkRunningLab(settings).catch((error: unknown) => exitOnBadInput(error));
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
