import { chromium, firefox, webkit } from '@playwright/test';
import type { BrowserEntry } from './catalog';

/**
 * Connects to a remote browser once, bounded in time, so a wrong PW_WS_ENDPOINT is reported in seconds
 * (with the variable to fix) instead of as one timeout per test.
 */
export async function checkRemoteBrowser(entry: BrowserEntry, timeoutMs = 5_000): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  if (!entry.wsEndpoint) return { ok: false, reason: 'no endpoint configured' };
  const type = { chromium, firefox, webkit }[entry.engine];
  try {
    const browser = await type.connect(entry.wsEndpoint, { timeout: timeoutMs });
    const version = browser.version();
    await browser.close();
    return { ok: true, version };
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    return {
      ok: false,
      reason:
        `cannot reach remote ${entry.product} at ${entry.wsEndpoint} within ${timeoutMs / 1000} s (${first}). ` +
        `Check PW_WS_ENDPOINT_${entry.id.toUpperCase()} and that "npx playwright run-server" runs on that host.`,
    };
  }
}
