import path from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { loadHarness, AUTH_DIR } from './src/harness';
import { allureReporter } from './src/allure/reporter-options';
import { videoRecorderAvailable } from './src/browsers/video';
import { reportsDir } from './src/config/paths';
import { portalNames } from './src/portals/registry';
import { describeTlsTrust } from './src/config/tls';
import { UserInputError, orExitOnBadInput } from './src/errors';

// A bad setting is one line naming the variable and exit 2, also for plain `npx playwright test` and UI mode.
const harness = orExitOnBadInput(() => {
  const loaded = loadHarness();
  if (!loaded.installed.length) {
    const { browsers } = loaded;
    throw new UserInputError(`no browser to run: none of ${browsers.map((b) => b.id).join(', ')} is installed here. Run npm run setup, or ${browsers[0]?.installHint ?? 'npx playwright install'}.`);
  }
  return loaded;
});
const { settings } = harness;
const labPortals = Object.values(settings.targets).filter((t) => t.isLab).map((t) => t.id);
const needsLab = labPortals.length > 0;
/** EVIDENCE=all turns on every recorder (trace, screenshot, video) — used by the secrets test. */
const everything = settings.run.evidence === 'all';
const video = everything && videoRecorderAvailable();
if (everything && !video && !process.env.TEST_WORKER_INDEX) {
  console.log('portal-matrix: video unavailable — Playwright\'s ffmpeg is not installed (npx playwright install ffmpeg); traces and screenshots are still recorded.');
}
const reports = reportsDir();
/** Swap each engine's user-agent string for another engine's: a declared break must not depend on it. */
const spoofUserAgent = process.env.SPOOF_USER_AGENT === '1';

const SPOOFED_USER_AGENT = {
  chromium: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  webkit: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
} as const;

// One project per installed browser. Sign-in is no project of its own: a worker signs in to a portal before its
// first task of it, outside the test's recorders (src/fixtures.ts, storageState), so each browser starts once.
const projects: PlaywrightTestConfig['projects'] = harness.installed.map((browser) => ({
  name: browser.id,
  use: {
    browserName: browser.engine,
    channel: browser.launchOptions?.channel,
    launchOptions: browser.launchOptions,
    connectOptions: browser.wsEndpoint ? { wsEndpoint: browser.wsEndpoint, timeout: 15_000 } : undefined,
    userAgent: spoofUserAgent ? SPOOFED_USER_AGENT[browser.engine] : undefined,
  },
}));

export default defineConfig({
  testDir: './specs',
  outputDir: path.join(reports, 'test-results'),
  // A spec file's tests (its data rows) share a worker: one browser start per file and browser instead of per
  // test, and a one-task run uses one worker per browser, side by side (measured: npm run bench).
  fullyParallel: false,
  // One worker per core by default (WORKERS; measured with npm run bench). --workers still overrides.
  workers: settings.run.workers,
  forbidOnly: !!process.env.CI,
  retries: settings.run.retries,
  timeout: 45_000,
  expect: { timeout: 8_000 },
  globalSetup: './src/global-setup.ts',
  reporter: [
    [process.env.CI ? 'dot' : 'list'],
    allureReporter(harness, path.join(reports, 'allure-results')),
    // Saved sign-ins' cookie values are masked in traces and attachments, like passwords.
    ['./src/matrix/reporter.ts', { outputDir: reports, sessionStates: AUTH_DIR }],
    // JUnit XML for Jenkins / GitLab / Azure DevOps test tabs: "[browser] › task title", grouped by spec file.
    ['junit', { outputFile: path.join(reports, 'junit.xml'), includeProjectInTestName: true, stripANSIControlSequences: true }],
    // `npm run bench` only: where the run's time goes (scripts/bench-phases-reporter.ts).
    ...(process.env.BENCH_PHASES_FILE ? [['./scripts/bench-phases-reporter.ts'] as const] : []),
    // Sharded runs also leave a blob report for `npm run merge`.
    ...(process.argv.some((a) => a.startsWith('--shard')) ? [['blob', { outputDir: path.join(reports, 'blob-report') }] as const] : []),
  ],
  metadata: {
    portalMatrix: {
      browsers: harness.browsers,
      // The reporter reads the task catalogue and names from here, so it never imports the harness.
      tasks: harness.tasks.map(({ portal, task, title, severity }) => ({ portal, task, title, severity })),
      knownIssues: harness.knownIssues,
      portalNames: portalNames(),
      labMode: settings.labMode,
      evidence: settings.run.evidence,
      labDown: settings.labDown,
      targets: Object.fromEntries(Object.values(settings.targets).map((t) => [t.id, { url: t.url, isLab: t.isLab, tls: t.tls.mode, tlsTrust: describeTlsTrust(t.tls) }])),
    },
  },
  use: {
    // Evidence policy (EVIDENCE): traces only on the attempts that can explain a failure, unless all.
    trace: settings.run.trace,
    screenshot: settings.run.screenshot,
    // Video needs Playwright's own ffmpeg; opt-in with EVIDENCE=all and only where it is installed.
    video: video ? 'on' : 'off',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects,
  webServer: needsLab
    ? {
        // Node itself with tsx as its loader: no npx/tsx launcher processes between Playwright and the lab.
        command: 'node --import tsx lab/main.ts',
        // The lab starts its replicas one after another: ready when the last one answers its health probe, or at
        // once when the lab says so (Playwright polls the URL only every second).
        url: new URL('/lab/health', settings.targets[labPortals.at(-1)!]!.url).href,
        wait: { stdout: /^portal lab running/m },
        // Only the readiness probe of our own loopback lab; the tests themselves trust the lab's certificate.
        ignoreHTTPSErrors: true,
        reuseExistingServer: !process.env.CI && !process.env.LAB_FRESH,
        timeout: 30_000,
        stdout: 'ignore',
        stderr: 'pipe',
      }
    : undefined,
});
