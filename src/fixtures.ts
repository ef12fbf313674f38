import { test as base, expect, type BrowserContextOptions, type Page } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { loadSettings, type PortalTarget, type Settings } from './portals/settings';
import { loadKnownIssues, loadTasks, type KnownIssue, type Task } from './data';
import type { PortalDefinition } from './portals/definition';
import { portalSession, type PortalSession } from './auth/portal-session';
import { preflight, readBrokenBrowsers, readPreflight } from './preflight';
import { ANNOTATIONS, browserIdOf, taskFromTags } from './matrix/annotations';
import { recordSignalsAround } from './diagnosis/record';
import { SecretScrubber, secretValues } from './secrets/scrub';
import { recordLayoutAround, withLayoutCheckpoints } from './layout/checkpoint';
import { portalById } from './portals/registry';
// Read on first use, not at import: the catalogue's portal column is checked against the plug-ins, whose
// modules import this one.
let catalogue: { tasks: Task[]; knownIssues: KnownIssue[] } | undefined;
const loadCatalogue = () => (catalogue ??= { tasks: loadTasks(), knownIssues: loadKnownIssues() });


/**
 * Fails the test with the portal's own words when it showed an error, e.g.
 * `Check replication — the portal showed: "Database access error: …"`, and records them for the matrix.
 */
export function expectNoPortalError(message: string | undefined, action: string): void {
  if (message) test.info().annotations.push({ type: ANNOTATIONS.portalMessage, description: message });
  expect(message, `${action} — the portal showed: "${message}"`).toBeUndefined();
}

interface TestFixtures {
  /** The portal this spec file exercises: set by the portal's own `test` (pages/<portal>/portal.ts). */
  portal: string;
  target: PortalTarget;
  task: Task | undefined;
  /**
   * A task that tests signing in starts signed out: `test.use({ signedOut: true })`. The harness still gets the
   * portal's session first, so such a task, like every other of its portal, could not run when that failed (a
   * sign-in page that changed is reported once, not as a failing task; a refused account is not tried again).
   */
  signedOut: boolean;
  /** Skips the test on a real portal unless ALLOW_DESTRUCTIVE=1, with the reason shown in the report. */
  destructive: (reason: string) => void;
  matrixContext: undefined;
  /** Diagnosis signals of this test, attached as `portal-matrix-signals` (auto). */
  signals: undefined;
  /** Layout checkpoints of this task at the end of each step, attached as `portal-matrix-layout` (auto). */
  layout: undefined;
}

interface WorkerFixtures {
  settings: Settings;
  /**
   * This browser's session for a portal, obtained once per run before its first task — a saved session that
   * still works, else the plug-in's sign-in (saving the new session). A failure stays with that portal (its
   * tasks: could not run).
   */
  portalSessions: { sessionFor(portal: string, contextOptions: BrowserContextOptions): Promise<PortalSession> };
}

/**
 * Whether the browser itself enforces the portal's trust. Chromium launched here trusts exactly the CA file's
 * keys (--ignore-certificate-errors-spki-list); Firefox has no per-launch trust anchor and remote browsers get
 * no launch flags, so for them the harness checks the certificate and the browser accepts it.
 */
function browserChecksCertificate(target: PortalTarget, browserName: string, remote: boolean): boolean {
  if (target.tls.mode === 'insecure') return false;
  if (target.tls.mode === 'verify') return true;
  return browserName === 'chromium' && !remote;
}

/** SPKI hashes Chromium may accept: the CA files' keys, and each leaf the pre-flight verified against its CA file. */
function trustedKeys(settings: Settings): string[] {
  const preflight = readPreflight();
  const keys = Object.values(settings.targets).flatMap((t) => {
    if (t.tls.mode !== 'ca-file') return [];
    const leaf = preflight.find((r) => r.portal === t.id && r.reachable)?.certificate?.spkiSha256;
    return [...t.tls.certificates.map((c) => c.spkiSha256), ...(leaf ? [leaf] : [])];
  });
  return [...new Set(keys)];
}

/** Masks every portal's password (and the secret-looking environment) in what a test records. */
const passwordScrubber = (settings: Settings) => new SecretScrubber(secretValues(Object.values(settings.targets).map((t) => t.password)));

export const test = base.extend<TestFixtures, WorkerFixtures>({
  portal: ['', { option: true }],
  signedOut: [false, { option: true }],
  settings: [async ({}, use) => use(loadSettings()), { scope: 'worker' }],
  launchOptions: [async ({ launchOptions, browserName, settings }, use) => {
    const keys = browserName === 'chromium' ? trustedKeys(settings) : [];
    await use(keys.length ? { ...launchOptions, args: [...(launchOptions.args ?? []), `--ignore-certificate-errors-spki-list=${keys.join(',')}`] } : launchOptions);
  }, { scope: 'worker' }],
  target: async ({ settings, portal }, use) => {
    const target = settings.targets[portal];
    if (!target) throw new Error(`No portal "${portal}": import \`test\` from the portal's pages/<portal>/portal.ts, not from src/fixtures.`);
    await use(target);
  },
  // The task a test belongs to, from its tags (`@pcd @database-status`), as --grep sees them.
  task: async ({}, use, testInfo) => use(taskFromTags(testInfo.tags, loadCatalogue().tasks).task),

  portalSessions: [async ({ browser, settings }, use, workerInfo) => {
    const sessions = new Map<string, Promise<PortalSession>>();
    await use({
      sessionFor: (portal, contextOptions) => {
        const target = settings.targets[portal];
        if (!target) return Promise.resolve({});
        if (!sessions.has(portal)) {
          sessions.set(portal, portalSession({ browser, browserId: browserIdOf(workerInfo.project.name), portal: portalById(portal), target, contextOptions }));
        }
        return sessions.get(portal)!;
      },
    });
  }, { scope: 'worker' }],

  // The task starts from this run's session for its portal in this browser. Signing in happens here, with a
  // timeout of its own, and before any recorder of the test starts: Playwright's trace and screenshot recording
  // fixture depends on the context options, storageState among them, so a typed password reaches no trace,
  // screenshot or step (the secrets e2e check proves it with every recorder on). After matrixContext, so a task
  // that cannot run (unreachable portal, unusable browser) starts no browser and signs in to nothing.
  storageState: [async ({ matrixContext: _ready, portal, portalSessions, signedOut, ignoreHTTPSErrors, userAgent, locale }, use, testInfo) => {
    const session = await portalSessions.sessionFor(portal, { ignoreHTTPSErrors, userAgent, locale });
    if (session.failure) {
      // Skipped, so neither retried nor traced; the annotation makes it a "could not run" cell and ends the run red.
      testInfo.annotations.push({ type: ANNOTATIONS.couldNotRun, description: session.failure });
      test.skip(true, `could not run: ${session.failure}`);
    }
    await use(signedOut ? { cookies: [], origins: [] } : session.storageState);
  }, { scope: 'test', timeout: 120_000 }],

  // A portal's certificate trust (<PREFIX>_CA_FILE, <PREFIX>_TLS): Chromium checks the CA file's keys itself
  // (launch flag below); other engines have no per-launch trust anchor, so the harness checks the certificate
  // before each test (matrixContext) and lets the browser accept it.
  ignoreHTTPSErrors: async ({ ignoreHTTPSErrors, target, browserName, connectOptions }, use) =>
    use(ignoreHTTPSErrors || !browserChecksCertificate(target, browserName, !!connectOptions)),

  // Each test gets its own lab data scope, so parallel tests and retries never see each other's changes.
  context: async ({ context, target }, use, testInfo) => {
    if (target.isLab) {
      const scope = `${testInfo.testId}-${testInfo.repeatEachIndex}-${testInfo.retry}`;
      await context.addCookies([{ name: 'lab_scope', value: scope, url: target.url }]);
    }
    await use(context);
  },

  // What the browser reports while the test runs (page errors, console, requests, refused cookies), attached
  // scrubbed for the matrix's diagnosis; bounded per kind so a chatty portal cannot blow up memory.
  // After matrixContext, which fails a task that cannot run before any browser starts for it.
  signals: [async ({ matrixContext: _ready, context, browserName, settings }, use, testInfo) => {
    if (!settings.run.signals) return use(undefined);
    await recordSignalsAround(context, browserName, passwordScrubber(settings), testInfo, () => use(undefined));
  }, { auto: true }],

  // Checkpoints for comparing the layout across browsers: catalogue tasks only; after signals, so a
  // task that cannot run takes none, and after the page, so it is still open for the end-of-test checkpoint.
  layout: [async ({ signals: _signals, page, task, settings }, use, testInfo) => {
    if (!task || !settings.run.layout) return use(undefined);
    await recordLayoutAround(page, testInfo, passwordScrubber(settings), () => use(undefined));
  }, { auto: true }],

  page: async ({ page }, use, testInfo) => {
    const version = page.context().browser()?.version();
    if (version) testInfo.annotations.push({ type: ANNOTATIONS.browserVersion, description: version });
    await use(page);
  },

  matrixContext: [async ({ target, task, browserName, connectOptions }, use, testInfo) => {
    let unreachable = readPreflight().find((r) => r.portal === target.id && !r.reachable);
    if (!unreachable && !browserChecksCertificate(target, browserName, !!connectOptions) && target.tls.mode === 'ca-file') {
      const now = await preflight(target);
      if (!now.reachable) unreachable = now;
    }
    if (unreachable) {
      testInfo.annotations.push({ type: ANNOTATIONS.portalUnreachable, description: unreachable.reason });
      test.skip(true, `portal unreachable: ${unreachable.reason}`);
    }
    const browserId = browserIdOf(testInfo.project.name);
    const browserProblem = readBrokenBrowsers()[browserId];
    // The task cannot start (its browser is unusable): stopped here, before a browser starts — skipped, so it is
    // neither retried nor traced. The annotation makes it a "could not run" cell, and the matrix reporter ends
    // the run red for it.
    const blocked = browserProblem ? `${browserId} unavailable: ${browserProblem}` : undefined;
    if (blocked) {
      testInfo.annotations.push({ type: ANNOTATIONS.couldNotRun, description: blocked });
      test.skip(true, `could not run: ${blocked}`);
    }
    if (task) {
      await allure.epic(target.name);
      await allure.feature(task.title);
      await allure.story(testInfo.title);
      await allure.severity(task.severity);
      for (const tag of testInfo.tags) await allure.tag(tag.replace(/^@/, ''));
      // data/known-issues.csv → an Allure issue link and tag on the affected test, as in the matrix.
      const known = loadCatalogue().knownIssues.find((k) => k.portal === task.portal && k.task === task.task && k.browser === testInfo.project.name);
      if (known) {
        await allure.tag('known-issue');
        if (known.link) await allure.issue(known.link, known.reason);
        await allure.description(`Known issue: ${known.reason}`);
      }
    }
    // The browser is the Allure 3 environment (allurerc.mjs).
    await allure.label('browser', browserIdOf(testInfo.project.name));
    // A portal whose certificate is not checked says so on every one of its results.
    if (target.tls.mode === 'insecure') {
      await allure.tag('tls-insecure');
      await allure.label('tls', `${target.envPrefix}_TLS=insecure: any certificate accepted`);
    }
    await use(undefined);
  }, { auto: true }],

  destructive: async ({ target, settings }, use) => {
    await use((reason) => {
      test.skip(!target.isLab && !settings.allowDestructive, `${reason} — skipped on a real portal; set ALLOW_DESTRUCTIVE=1 to run it.`);
    });
  },
});

/**
 * The `test` a portal's specs import from `pages/<portal>/portal.ts`: the harness's fixtures, the portal
 * selected, and its page objects under `fixture` (e.g. `async ({ pcd }) => pcd.navigation.openHome()`).
 */
export function portalTest<Pages, Name extends string>(portal: PortalDefinition<Pages>, fixture: Name) {
  // Each top-level test.step of a task ends with a layout checkpoint (see src/layout).
  return withLayoutCheckpoints(test.extend<Record<Name, Pages>>({
    portal: [portal.id, { option: true }],
    [fixture]: async ({ page, target }: { page: Page; target: PortalTarget }, use: (pages: Pages) => Promise<void>) => use(portal.pages(page, target)),
  } as never));
}

export { expect };
