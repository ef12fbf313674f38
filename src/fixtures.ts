import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { loadSettings, type PortalTarget, type Settings } from './config/settings';
import { PORTAL_NAMES, type PortalId } from './config/portals';
import { loadKnownIssues, loadTasks, type Task } from './data';
import { authFile, readSignInFailure, recordSignInFailure, explainSignInError } from './auth/sign-in-state';
import { readBrokenBrowsers, readPreflight } from './preflight';
import { ANNOTATIONS, browserIdOf, taskFromTags } from './matrix/annotations';
import { SignalRecorder } from './diagnosis/record';
import { SIGNALS_ATTACHMENT } from './diagnosis/signals';
import { SecretScrubber, secretValues } from './secrets/scrub';
import { PcdLoginPage } from '../pages/pcd/login-page';
import { PcdNavigation } from '../pages/pcd/navigation';
import { ClustersPage } from '../pages/pcd/clusters-page';
import { EsxiHostsPage } from '../pages/pcd/esxi-hosts-page';
import { DatabaseReplicationPage } from '../pages/pcd/database-replication-page';
import { UpgradeTaskPage } from '../pages/pcd/upgrade-task-page';
import { MonitoringPage } from '../pages/pcd/monitoring-page';
import { M365SignInPage } from '../pages/m365/sign-in-page';
import { BillsPage } from '../pages/m365/bills-page';
import { InvoicePage } from '../pages/m365/invoice-page';
import { PaymentMethodsPage } from '../pages/m365/payment-methods-page';
import { JoinPage } from '../pages/webex/join-page';
import { PrejoinPage } from '../pages/webex/prejoin-page';
import { MeetingPage } from '../pages/webex/meeting-page';

const TASKS = loadTasks();
const KNOWN_ISSUES = loadKnownIssues();


/**
 * Fails the test with the portal's own words when it showed an error, e.g.
 * `Check replication — the portal showed: "Database access error: …"`, and records them for the matrix.
 */
export function expectNoPortalError(message: string | undefined, action: string): void {
  if (message) test.info().annotations.push({ type: ANNOTATIONS.portalMessage, description: message });
  expect(message, `${action} — the portal showed: "${message}"`).toBeUndefined();
}

const pcdPages = (page: import('@playwright/test').Page, url: string) => ({
  login: new PcdLoginPage(page, url),
  navigation: new PcdNavigation(page, url),
  clusters: new ClustersPage(page),
  esxiHosts: new EsxiHostsPage(page),
  database: new DatabaseReplicationPage(page),
  upgrade: new UpgradeTaskPage(page),
  monitoring: new MonitoringPage(page),
});
const m365Pages = (page: import('@playwright/test').Page, url: string) => ({
  signIn: new M365SignInPage(page, url),
  bills: new BillsPage(page, url),
  invoice: new InvoicePage(page),
  paymentMethods: new PaymentMethodsPage(page),
});
const webexPages = (page: import('@playwright/test').Page, url: string) => ({
  join: new JoinPage(page, url),
  prejoin: new PrejoinPage(page),
  meeting: new MeetingPage(page),
});

interface TestFixtures {
  /** The portal this spec file exercises; set with test.use({ portal: 'pcd' }). */
  portal: PortalId;
  target: PortalTarget;
  task: Task | undefined;
  pcd: ReturnType<typeof pcdPages>;
  m365: ReturnType<typeof m365Pages>;
  webex: ReturnType<typeof webexPages>;
  /** Skips the test on a real portal unless ALLOW_DESTRUCTIVE=1, with the reason shown in the report. */
  destructive: (reason: string) => void;
  /**
   * For sign-in setups: runs the sign-in and saves the session for this browser and portal. A failure is
   * recorded for that portal only (its tasks then report "could not run"), so other portals still run.
   */
  saveSignIn: (signIn: () => Promise<void>) => Promise<void>;
  matrixContext: undefined;
  /** Diagnosis signals of this test, attached as `portal-matrix-signals` (auto). */
  signals: undefined;
}

interface WorkerFixtures {
  settings: Settings;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  portal: ['pcd', { option: true }],
  settings: [async ({}, use) => use(loadSettings()), { scope: 'worker' }],
  target: async ({ settings, portal }, use) => use(settings.targets[portal]),
  // The task a test belongs to, from its tags (`@pcd @database-status`), as --grep sees them.
  task: async ({}, use, testInfo) => use(taskFromTags(testInfo.tags, TASKS).task),

  // Per-browser, per-portal sign-in state from the setup project; never shared across engines.
  storageState: async ({ portal }, use, testInfo) => {
    const file = authFile(testInfo.project.name, portal);
    await use(fs.existsSync(file) ? file : undefined);
  },

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
  signals: [async ({ context, browserName, settings, matrixContext: _ready }, use, testInfo) => {
    if (!settings.run.signals) return use(undefined);
    const recorder = new SignalRecorder(context, browserName, new SecretScrubber(secretValues(Object.values(settings.targets).map((t) => t.password))));
    await Promise.all(context.pages().map((p) => recorder.watchCookies(p)));
    await use(undefined);
    await testInfo.attach(SIGNALS_ATTACHMENT, { body: JSON.stringify(recorder.signals), contentType: 'application/json' });
  }, { auto: true }],

  page: async ({ page }, use, testInfo) => {
    const version = page.context().browser()?.version();
    if (version) testInfo.annotations.push({ type: ANNOTATIONS.browserVersion, description: version });
    await use(page);
  },

  matrixContext: [async ({ target, task }, use, testInfo) => {
    const unreachable = readPreflight().find((r) => r.portal === target.id && !r.reachable);
    if (unreachable) {
      testInfo.annotations.push({ type: ANNOTATIONS.portalUnreachable, description: unreachable.reason });
      test.skip(true, `portal unreachable: ${unreachable.reason}`);
    }
    const browserId = browserIdOf(testInfo.project.name);
    const browserProblem = readBrokenBrowsers()[browserId];
    if (browserProblem) {
      testInfo.annotations.push({ type: ANNOTATIONS.couldNotRun, description: `${browserId} unavailable: ${browserProblem}` });
      throw new Error(`[browser-unavailable] ${browserProblem}`);
    }
    // Its portal's sign-in failed in this browser: the task cannot start. Fail fast with the portal-level reason.
    const signInFailure = testInfo.project.name === browserId ? readSignInFailure(browserId, target.id) : undefined;
    if (signInFailure) {
      testInfo.annotations.push({ type: ANNOTATIONS.couldNotRun, description: signInFailure });
      throw new Error(`[could-not-run] ${signInFailure}`);
    }
    if (task) {
      await allure.epic(PORTAL_NAMES[task.portal]);
      await allure.feature(task.title);
      await allure.story(testInfo.title);
      await allure.severity(task.severity);
      for (const tag of testInfo.tags) await allure.tag(tag.replace(/^@/, ''));
      // data/known-issues.csv → an Allure issue link and tag on the affected test, as in the matrix.
      const known = KNOWN_ISSUES.find((k) => k.portal === task.portal && k.task === task.task && k.browser === testInfo.project.name);
      if (known) {
        await allure.tag('known-issue');
        if (known.link) await allure.issue(known.link, known.reason);
        await allure.description(`Known issue: ${known.reason}`);
      }
    }
    // The browser is the Allure 3 environment (allurerc.mjs); sign-in setups belong to their browser too.
    await allure.label('browser', browserIdOf(testInfo.project.name));
    await use(undefined);
  }, { auto: true }],

  destructive: async ({ target, settings }, use) => {
    await use((reason) => {
      test.skip(!target.isLab && !settings.allowDestructive, `${reason} — skipped on a real portal; set ALLOW_DESTRUCTIVE=1 to run it.`);
    });
  },

  saveSignIn: async ({ page, target }, use, testInfo) => {
    const browserId = browserIdOf(testInfo.project.name);
    await use(async (signIn) => {
      try {
        await signIn();
      } catch (error) {
        const reason = `sign-in to ${PORTAL_NAMES[target.id]} failed: ${explainSignInError(error)}`;
        recordSignInFailure(browserId, target.id, reason);
        // Skipped, not failed: a failed setup would make Playwright skip every portal's tasks in this browser.
        // The portal's own tasks fail with this reason instead, so the run still ends red.
        console.log(`portal-matrix: ${browserId}: ${reason}`);
        test.skip(true, reason);
      }
      const file = authFile(browserId, target.id);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      await page.context().storageState({ path: file });
      fs.chmodSync(file, 0o600);
    });
  },

  pcd: async ({ page, target }, use) => use(pcdPages(page, target.url)),
  m365: async ({ page, target }, use) => use(m365Pages(page, target.url)),
  webex: async ({ page, target }, use) => use(webexPages(page, target.url)),
});

export { expect };
