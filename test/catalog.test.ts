import { spawnSync } from 'node:child_process';
import { test, expect, chromium, firefox } from '@playwright/test';
import { parseBrowserList, resolveBrowser, BROWSER_IDS } from '../src/browsers/catalog';
import { checkRemoteBrowser } from '../src/browsers/remote';
import { ROOT } from './helpers';
import { PLAYWRIGHT_CLI, nodeCommand } from '../src/processes/children';

test('chromium and firefox resolve to real browsers whose launch reports the catalog version', async () => {
  for (const id of ['chromium', 'firefox'] as const) {
    const entry = resolveBrowser(id);
    expect(entry.installed, `${id} should be installed by scripts/setup`).toBe(true);
    const browser = await ({ chromium, firefox }[id]).launch(entry.launchOptions);
    try {
      const version = browser.version();
      expect(version.length).toBeGreaterThan(2);
      expect(entry.version?.startsWith(version.split('.')[0]!)).toBe(true);
    } finally {
      await browser.close();
    }
  }
});

test('an unknown browser name lists the valid names', () => {
  expect(() => parseBrowserList('chromium,safari')).toThrow(`BROWSERS: unknown browser "safari". Valid names: ${BROWSER_IDS.join(', ')}.`);
  expect(() => parseBrowserList(' , ')).toThrow('BROWSERS is empty');
});

test('a browser that is not installed is reported with the command that installs it', () => {
  const missing = resolveBrowser('chromium', { systemPaths: { chromium: ['/nonexistent/chromium'] }, ignorePlaywrightBuilds: true, env: {} });
  expect(missing).toMatchObject({ installed: false, installHint: expect.stringContaining('npx playwright install chromium') });
  // A Linux desk without Edge (this test runs on Windows too, where Edge is installed).
  const bareLinux = { platform: 'linux' as const, env: {}, home: '/home/pat', exists: () => false, read: () => undefined, list: () => [] };
  expect(resolveBrowser('msedge', { env: {}, desk: bareLinux })).toMatchObject({ installed: false, installHint: 'npx playwright install msedge' });
});

test('a bad PW_WS_ENDPOINT gives a clear error within seconds', async () => {
  expect(() => resolveBrowser('webkit', { env: { PW_WS_ENDPOINT_WEBKIT: 'localhost:3000' } })).toThrow(/PW_WS_ENDPOINT_WEBKIT="localhost:3000" must start with ws:\/\//);
  const entry = resolveBrowser('webkit', { env: { PW_WS_ENDPOINT_WEBKIT: 'ws://127.0.0.1:9/' } });
  expect(entry).toMatchObject({ installed: true, source: 'remote' });
  const started = Date.now();
  const check = await checkRemoteBrowser(entry, 3_000);
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(check.ok).toBe(false);
  expect(!check.ok && check.reason).toContain('PW_WS_ENDPOINT_WEBKIT');
});

test('--list shows a project per installed browser and names the missing ones with install commands', () => {
  const result = spawnSync(...nodeCommand(PLAYWRIGHT_CLI, ['test', '--list', '--grep', '@sign-in$']), {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, PORTAL_MATRIX_CATALOG: '', BROWSERS: 'chromium,firefox,webkit,chrome,msedge' },
  });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toContain('[chromium] › pcd/sign-in.spec.ts');
  expect(result.stdout).toContain('[firefox] › pcd/sign-in.spec.ts');
  for (const id of ['webkit', 'chrome', 'msedge']) expect(result.stdout).toMatch(new RegExp(`✗ ${id}\\s+not installed — npx playwright install`));
});
