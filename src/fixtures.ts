import fs from 'node:fs';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { loadSettings, type PortalTarget, type Settings } from './portals/settings';
import { loadKnownIssues, loadTasks, type KnownIssue, type Task } from './data';
import type { PortalDefinition } from './portals/definition';
import { authFile, readSignInFailure, recordSignInFailure, explainSignInError, refreshSession, saveSession, savedSessionsFor, writeRunState, type SavedSession } from './auth/sign-in-state';
import { preflight, readBrokenBrowsers, readPreflight } from './preflight';
import { ANNOTATIONS, browserIdOf, taskFromTags } from './matrix/annotations';
import { SignalRecorder, recordSignalsAround } from './diagnosis/record';
import { SecretScrubber, secretValues } from './secrets/scrub';
import { recordLayoutAround, withLayoutCheckpoints } from './layout/checkpoint';
import { expectSignedIn, readPageMessage, refusedRequest } from './auth/sign-in-check';
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
  /** Skips the test on a real portal unless ALLOW_DESTRUCTIVE=1, with the reason shown in the report. */
  destructive: (reason: string) => void;
  /**
   * For sign-in setups: gets this browser a session for the portal — a saved one that still works, else the
   * portal's own sign-in with the credentials (saving the new session) — and keeps it for this run's tasks.
   * A failure is recorded for that portal only (its tasks then report "could not run" with the reason).
   */
  signInToPortal: (portal: PortalDefinition) => Promise<void>;
  matrixContext: undefined;
  /** Diagnosis signals of this test, attached as `portal-matrix-signals` (auto). */
  signals: undefined;
  /** Layout checkpoints of this task at the end of each step, attached as `portal-matrix-layout` (auto). */
  layout: undefined;
}

interface WorkerFixtures {
  settings: Settings;
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

  // Per-browser, per-portal sign-in state from the setup project (see signInToPortal).
  storageState: async ({ portal }, use, testInfo) => {
    const file = authFile(testInfo.project.name, portal);
    await use(fs.existsSync(file) ? file : undefined);
  },

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

  // Checkpoints for comparing the layout across browsers: tasks only (not sign-in setups); after signals, so a
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
    // The task cannot start (its browser is unusable, or its portal's sign-in failed in this browser): stopped
    // here, before a page opens — skipped, so it is neither retried nor traced. The annotation makes it a
    // "could not run" cell, and the matrix reporter ends the run red for it.
    const blocked = browserProblem ? `${browserId} unavailable: ${browserProblem}`
      : testInfo.project.name === browserId ? readSignInFailure(browserId, target.id) : undefined;
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
    // The browser is the Allure 3 environment (allurerc.mjs); sign-in setups belong to their browser too.
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

  signInToPortal: async ({ page, target, browser, browserName, ignoreHTTPSErrors }, use, testInfo) => {
    const browserId = browserIdOf(testInfo.project.name);
    const day = (iso: string) => iso.slice(0, 10);
    const give = (reason: string): never => {
      recordSignInFailure(browserId, target.id, reason);
      // Skipped, not failed: a failed setup would make Playwright skip every portal's tasks in this browser.
      // The portal's own tasks fail with this reason instead (could not run), so the run still ends red.
      console.log(`portal-matrix: ${browserId}: ${reason}`);
      test.skip(true, reason);
      throw new Error(reason);
    };
    /** This run's state; saved for later runs as `how`, or — `refresh` — a saved session's cookies renewed, its date kept. */
    const keep = async (context: BrowserContext, how: string, refresh = false) => {
      const state = JSON.stringify(await context.storageState());
      writeRunState(browserId, target.id, state);
      if (refresh) refreshSession(browserId, target.id, state);
      else saveSession(browserId, target.id, state, how);
    };
    await use(async (portal) => {
      if (portal.signIn === 'anonymous') return;
      const { run, isSignedIn } = portal.signIn;
      // 1. A saved session — this browser's, then one captured in another browser — used only where it still works.
      let stale: SavedSession | undefined;
      for (const saved of isSignedIn ? savedSessionsFor(target.id, browserId) : []) {
        const context = await browser.newContext({ storageState: saved.file, ignoreHTTPSErrors });
        try {
          const probe = await context.newPage();
          if (await isSignedIn!(probe, target)) {
            const own = saved.browserId === browserId;
            await keep(context, own ? saved.how : `offered by ${saved.browserId}`, own);
            console.log(`portal-matrix: ${browserId}: ${target.name}: signed in with the session saved ${day(saved.savedAt)} (${saved.how}${own ? '' : `, in ${saved.browserId}`})`);
            return;
          }
          if (saved.browserId === browserId) stale = saved;
        } catch {
          if (saved.browserId === browserId) stale = saved;
        } finally {
          await context.close();
        }
      }
      const expired = stale ? `the saved ${target.name} session is no longer valid (saved ${day(stale.savedAt)})` : undefined;
      // 2. Sign in with the credentials, where there are any; the new session is saved for the next runs.
      if (target.username) {
        // What the browser saw while signing in (the refused request), scrubbed of the password like any signal.
        const scrubber = new SecretScrubber(secretValues([target.password]));
        const recorder = new SignalRecorder(page.context(), browserName, scrubber);
        try {
          await run(page, target);
          // Checked by the harness, not left to the plug-in: the form must be gone (and isSignedIn hold).
          await expectSignedIn(page, isSignedIn && (() => isSignedIn(page, target)));
        } catch (error) {
          const said = await readPageMessage(page);
          await recorder.settle(1_000);
          const refused = refusedRequest(recorder.signals);
          const explained = explainSignInError(error);
          const shown = said && !explained.includes(said) ? ` — the portal showed: "${scrubber.scrubText(said)}"` : '';
          give(`sign-in to ${target.name} failed: ${explained}${shown}${refused ? ` — ${refused}` : ''}${expired ? `; ${expired}` : ''}`);
        }
        await keep(page.context(), 'automatic sign-in');
        return;
      }
      // 3. Neither: say what to do. Never a task failure, never a browser's fault.
      give(expired
        ? `${expired}; run npm run sign-in -- ${target.id}`
        : `no saved ${target.name} session and no credentials: run npm run sign-in -- ${target.id}, or set ${target.envPrefix}_USERNAME and ${target.envPrefix}_PASSWORD`);
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
