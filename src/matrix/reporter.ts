import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { buildMatrix, type KnownIssueInfo, type TaskInfo, type TestRecord } from './build';
import { appendHistory, historyEntry, readHistory, type HistoryEntry } from './history';
import { layoutViolations, parsePolicy, policyText, policyViolations, type Policy } from './policy';
import { renderConsole } from './render-text';
import { writeMatrix } from './write';
import type { Matrix, MatrixBrowser } from './model';
import { loadKnownIssues, loadTasks } from '../data';
import { readBrokenBrowsers, readPreflight } from '../preflight';
import { matrixHistoryFile, reportsDir } from '../config/paths';
import { ANNOTATIONS, browserIdOf, taskFromTags } from './annotations';
import { missingBrowserInstallHint } from './classify';
import { attachDiagnosesToAllure, attachLayoutToAllure } from './allure-diagnosis';
import { SecretScrubber, secretValues, sessionSecrets } from '../secrets/scrub';
import { SIGNALS_ATTACHMENT, type Signals } from '../diagnosis/signals';
import { parseNotifySettings, type NotifySettings } from '../notify/settings';
import { notifyTeam } from '../notify/deliver';
import { allureReportBuilt } from './quick-run';
import { LAYOUT_ATTACHMENT, type LayoutCheckpoint } from '../layout/checkpoint';
import type { RecordedCheckpoint } from '../layout/findings';

/*
 * This module is loaded by Playwright as a reporter in any project (ours or another team's): nothing it
 * imports at run time may load @playwright/test or the harness (a second copy of Playwright refuses to load).
 * What our own config knows (browser catalog, task catalogue, portal names) arrives through config.metadata.
 */

/** What playwright.config.ts of portal-matrix puts into `metadata.portalMatrix`; other projects have none. */
interface HarnessMetadata {
  browsers?: { id: string; product: string; version?: string; source?: string; installed: boolean; installHint: string }[];
  labMode?: string;
  evidence?: string;
  /** `tls`: verify | ca-file | insecure; `tlsTrust`: how that reads in a report. */
  targets?: Record<string, { url: string; isLab: boolean; tls?: string; tlsTrust?: string }>;
  tasks?: TaskInfo[];
  knownIssues?: KnownIssueInfo[];
  portalNames?: Record<string, string>;
}

export interface MatrixReporterOptions {
  /** Where matrix.json/html/md go (default "reports"). */
  outputDir?: string;
  /** History file (JSON Lines); MATRIX_HISTORY overrides. */
  historyFile?: string;
  /** Tie-break order for the recommendation; BROWSER_PREFERENCE overrides. */
  preference?: string[];
  /**
   * never | regression | any-failure; FAIL_ON overrides. Without one, Playwright's own exit code is kept: the
   * reporter changes the run's result only when a policy is given explicitly.
   */
  failOn?: string;
  tasksFile?: string;
  knownIssuesFile?: string;
  /** Names of environment variables holding secrets to mask, besides any named *PASSWORD*, *SECRET*, *TOKEN*… */
  secretVariables?: string[];
  /**
   * A folder of Playwright storage-state files (saved sign-ins): their cookie and storage values are session
   * secrets — traces record them in request headers — and are masked like passwords.
   */
  sessionStates?: string;
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
/** The deepest `test.step` that carries the error: the runbook line where the test failed. */
function failingStep(steps: readonly TestStep[]): string | undefined {
  for (const step of steps) {
    if (step.category !== 'test.step' && step.category !== 'hook' && step.category !== 'fixture') continue;
    if (!step.error) continue;
    const inner = failingStep(step.steps);
    if (inner) return inner;
    if (step.category === 'test.step') return step.title;
  }
  return undefined;
}

const firstLine = (s: string | undefined) => (s ?? '').split('\n')[0]!.trim();
const isSetup = (test: TestCase) => /\.setup\.[jt]s$/.test(test.location.file);

/**
 * Playwright reporter that turns any project's results into the compatibility matrix. Portal and task come
 * from tags (`@pcd @database-status`); tests without them are grouped by spec file and title.
 */
export default class MatrixReporter implements Reporter {
  private config!: FullConfig;
  private suite!: Suite;
  private readonly outputDir: string;
  private readonly historyFile: string;
  private readonly startedAt = new Date();
  private total = 0;
  private done = 0;
  private lastProgress = 0;
  private readonly perProject = new Map<string, { done: number; total: number }>();

  constructor(private readonly options: MatrixReporterOptions = {}) {
    this.outputDir = path.resolve(options.outputDir ?? reportsDir());
    this.historyFile = options.historyFile && !process.env.MATRIX_HISTORY?.trim() ? path.resolve(options.historyFile) : matrixHistoryFile(this.outputDir);
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    // Playwright stops gracefully (and calls onEnd) on SIGINT only; treat SIGTERM from CI or `kill` the same
    // way, so an interrupted run still writes its partial matrix.
    process.on('SIGTERM', () => process.kill(process.pid, 'SIGINT'));
    this.suite = suite;
    for (const test of suite.allTests()) {
      if (isSetup(test)) continue;
      this.total += 1;
      const project = test.parent.project()?.name ?? '';
      const p = this.perProject.get(project) ?? { done: 0, total: 0 };
      p.total += 1;
      this.perProject.set(project, p);
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (isSetup(test) || (result.status !== 'passed' && result.retry < test.retries && test.outcome() !== 'skipped')) return;
    this.done += 1;
    const p = this.perProject.get(test.parent.project()?.name ?? '');
    if (p) p.done += 1;
    // A progress line every few seconds (and at the end), not per test: readable in CI logs.
    if (Date.now() - this.lastProgress > 5_000 || this.done === this.total) {
      this.lastProgress = Date.now();
      const per = [...this.perProject].map(([name, c]) => `${name} ${c.done}/${c.total}`).join(' · ');
      process.stderr.write(`[matrix] ${this.done}/${this.total} tasks done · ${per}\n`);
    }
  }

  /** A short pipeline: policy, history, masked results → matrix → files, history, console, team, result. */
  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    // `playwright test --list` runs nothing: there is no matrix to write.
    if (process.argv.includes('--list')) return undefined;
    const policy = this.readPolicy();
    if (!policy) return { status: 'failed' };
    const { history, historyProblem } = this.readRunHistory();
    const scrubber = this.maskSecretsInResults();
    const matrix = this.buildRunMatrix(result, history, scrubber);
    this.writeOutputs(matrix);
    if (!historyProblem && !this.config.shard && result.status !== 'interrupted') {
      // Shards and interrupted runs do not write history: the merged (or next complete) run does.
      appendHistory(this.historyFile, history, historyEntry(matrix.rows, matrix.run.finishedAt, { recommendation: matrix.recommendation, browsers: matrix.browsers }));
    }
    if (historyProblem) console.error(`portal-matrix: history not updated — ${historyProblem}`);
    const violations = this.printPolicyOutcome(matrix, policy, history);
    // Tell the team once per complete run (the merge of shards, not each shard); never changes the result.
    if (!this.config.shard && result.status !== 'interrupted') await this.tellTeam(matrix, history);
    return this.runResult(result, matrix, policy.explicit, policy, violations, !!historyProblem);
  }

  /** FAIL_ON or the failOn option; an empty FAIL_ON (CI's unset variable) is no policy. Undefined when invalid (said). */
  private readPolicy(): (Policy & { explicit?: string }) | undefined {
    const explicit = process.env.FAIL_ON?.trim() || this.options.failOn;
    try {
      return { explicit, ...parsePolicy(explicit) };
    } catch (error) {
      console.error(`portal-matrix: ${(error as Error).message}`);
      return undefined;
    }
  }

  private readRunHistory(): { history: HistoryEntry[]; historyProblem?: string } {
    try {
      return { history: readHistory(this.historyFile) };
    } catch (error) {
      return { history: [], historyProblem: (error as Error).message };
    }
  }

  /** Traces record typed values and request bodies: every secret is masked before anything is read or kept. */
  private maskSecretsInResults(): SecretScrubber {
    const named = (this.options.secretVariables ?? []).map((v) => process.env[v] ?? '').filter(Boolean);
    const scrubber = new SecretScrubber(secretValues([...named, ...sessionSecrets(this.options.sessionStates)]));
    for (const dir of [this.config.projects[0]?.outputDir, path.join(this.outputDir, 'allure-results')]) if (dir) scrubber.scrubTree(dir);
    return scrubber;
  }

  private buildRunMatrix(result: FullResult, history: HistoryEntry[], scrubber: SecretScrubber): Matrix {
    const built = buildMatrix({
      records: this.records(),
      browsers: this.browsers(),
      tasks: this.tasks(),
      knownIssues: this.knownIssues(),
      preference: (process.env.BROWSER_PREFERENCE?.trim() ? process.env.BROWSER_PREFERENCE.split(',') : this.options.preference ?? ['chromium', 'firefox', 'webkit', 'chrome', 'msedge']).map((s) => s.trim()),
      history,
      run: {
        startedAt: this.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        target: this.targets(),
        labMode: this.meta()?.labMode,
        insecureTls: this.insecureTls(),
        evidence: this.meta()?.evidence,
        allureReport: this.hasAllure() ? 'allure-report/index.html' : undefined,
        shard: this.config.shard ? `${this.config.shard.current}/${this.config.shard.total}` : undefined,
        status: result.status,
      },
      portalNames: this.meta()?.portalNames,
    });
    // A quick run's Allure report is built only on request: no link to a report that will not exist.
    if (built.run.allureReport && !allureReportBuilt(built.rows.filter((r) => r.tests > 0).length)) delete built.run.allureReport;
    return scrubber.active ? (JSON.parse(scrubber.scrubText(JSON.stringify(built))) as Matrix) : built;
  }

  /** matrix.json/html/md, the diagnoses into the Allure results, the console table. */
  private writeOutputs(matrix: Matrix): void {
    const files = writeMatrix(this.outputDir, matrix);
    if (this.hasAllure()) {
      attachDiagnosesToAllure(path.join(this.outputDir, 'allure-results'), matrix);
      attachLayoutToAllure(path.join(this.outputDir, 'allure-results'), matrix, this.outputDir);
    }
    console.log(`\n${renderConsole(matrix)}\n`);
    console.log(`Matrix:        ${path.relative(process.cwd(), files.html)}  (also matrix.json, matrix.md)`);
  }

  private printPolicyOutcome(matrix: Matrix, policy: Policy, history: HistoryEntry[]): string[] {
    const violations = [...policyViolations(matrix, policy.failOn, history), ...(policy.layout ? layoutViolations(matrix) : [])];
    const name = policyText(policy);
    if (violations.length) console.log(`--fail-on ${name}: ${violations.length} problem(s)\n  ${violations.join('\n  ')}`);
    if (matrix.problems.length && policy.failOn !== 'never') {
      console.log(`--fail-on ${name}: not counted as regressions (could not run):\n  ${matrix.problems.map((p) => `${p.portal} in ${p.browsers.join(', ')}: ${p.reason}`).join('\n  ')}`);
    }
    return violations;
  }

  private async tellTeam(matrix: Matrix, history: HistoryEntry[]): Promise<void> {
    const notify = this.notifySettings();
    if (!notify) return;
    // "Regression" in the message means exactly what --fail-on regression counts, whatever policy this run has.
    await notifyTeam(notify, matrix, history, policyViolations(matrix, 'regression', history));
  }

  private runResult(result: FullResult, matrix: Matrix, explicit: string | undefined, policy: Policy, violations: string[], historyProblem: boolean): { status?: FullResult['status'] } | undefined {
    if (historyProblem || result.status === 'interrupted') return { status: result.status === 'interrupted' ? 'interrupted' : 'failed' };
    // No explicit policy: Playwright's own result stands (a red run stays red in any project) — and a task that
    // could not run (skipped before it started, so that it is not retried) keeps the run red as a failure would.
    if (explicit === undefined) return result.status === 'passed' && matrix.problems.length ? { status: 'failed' } : undefined;
    if (policy.failOn === 'never' && !policy.layout) return { status: 'passed' };
    return { status: violations.length ? 'failed' : 'passed' };
  }

  private notifySettings(): NotifySettings | undefined {
    try {
      return parseNotifySettings(process.env);
    } catch (error) {
      console.error(`portal-matrix: no notification — ${(error as Error).message}`);
      return undefined;
    }
  }

  private meta(): HarnessMetadata | undefined {
    return this.config.metadata?.portalMatrix as HarnessMetadata | undefined;
  }

  private hasAllure(): boolean {
    return this.config.reporter.some(([name]) => /allure-playwright/.test(name));
  }

  /** Columns: the catalog's browsers (ours), else one per project that has tests; a missing browser is one column. */
  private browsers(): MatrixBrowser[] {
    const versions = new Map<string, string>();
    for (const test of this.suite.allTests()) {
      for (const r of test.results) {
        const v = r.annotations?.find((a) => a.type === ANNOTATIONS.browserVersion)?.description;
        if (v) versions.set(browserIdOf(test.parent.project()?.name ?? ''), v);
      }
    }
    const missing = this.missingBrowsers();
    const catalog = this.meta()?.browsers;
    const columns: MatrixBrowser[] = catalog
      ? catalog.map((b) => ({ id: b.id, name: b.product, version: b.version ?? versions.get(b.id), source: b.source, installed: b.installed, installHint: b.installHint }))
      : [...new Set(this.suite.allTests().filter((t) => !isSetup(t)).map((t) => t.parent.project()?.name ?? 'default'))]
        .map((id) => ({ id, name: id, version: versions.get(id), installed: true }));
    return columns.map((c) => (missing.has(c.id) ? { ...c, installed: false, installHint: missing.get(c.id), version: undefined } : c));
  }

  /**
   * Projects whose browser could not launch because it is not installed (Playwright's "Executable doesn't
   * exist … npx playwright install"): one not-installed column with the install command, not a broken cell per
   * test — even when the project also has tests that need no browser and passed.
   */
  private missingBrowsers(): Map<string, string> {
    if (this.missing) return this.missing;
    const hints = new Map<string, string>();
    for (const test of this.suite.allTests()) {
      const last = test.results.at(-1);
      if (!last || last.status === 'passed' || last.status === 'skipped') continue;
      const id = browserIdOf(test.parent.project()?.name ?? 'default');
      const hint = missingBrowserInstallHint(this.errorOf(last));
      if (hint && !hints.has(id)) hints.set(id, hint);
    }
    this.missing = hints;
    return this.missing;
  }

  private missing?: Map<string, string>;

  private taskCatalogue?: TaskInfo[];

  /** The catalogue from our config's metadata, or the tasksFile option; a project that is not ours may have none. */
  private tasks(): TaskInfo[] {
    if (!this.taskCatalogue) {
      try {
        // A given file is read as it is: the portals it names need no plug-in (the reporter may run in any project).
        this.taskCatalogue = this.options.tasksFile ? loadTasks(path.resolve(this.options.tasksFile), null) : this.meta()?.tasks ?? [];
      } catch (error) {
        console.error(`portal-matrix: tasks file not used — ${(error as Error).message}`);
        this.taskCatalogue = [];
      }
    }
    return this.taskCatalogue;
  }

  private knownIssues(): KnownIssueInfo[] {
    try {
      return this.options.knownIssuesFile ? loadKnownIssues(path.resolve(this.options.knownIssuesFile), null) : this.meta()?.knownIssues ?? [];
    } catch (error) {
      console.error(`portal-matrix: known issues file not used — ${(error as Error).message}`);
      return [];
    }
  }

  /** Portals whose certificate nobody checks (<PREFIX>_TLS=insecure): every report says so. */
  private insecureTls(): Record<string, string> | undefined {
    const insecure = Object.entries(this.meta()?.targets ?? {}).filter(([, t]) => t.tls === 'insecure');
    return insecure.length ? Object.fromEntries(insecure.map(([p, t]) => [p, t.tlsTrust ?? 'insecure: any certificate accepted'])) : undefined;
  }

  private targets(): Record<string, string> {
    const targets = this.meta()?.targets;
    return targets ? Object.fromEntries(Object.entries(targets).map(([p, t]) => [p, t.isLab ? `lab ${t.url}` : t.url])) : {};
  }

  private records(): TestRecord[] {
    const setupFailures = new Map<string, string>();
    for (const test of this.suite.allTests().filter(isSetup)) {
      if (test.outcome() !== 'unexpected') continue;
      const id = browserIdOf(test.parent.project()?.name ?? '');
      const error = firstLine(this.errorOf(test.results.at(-1)));
      // The pre-flight's word on an unusable browser (an unreachable remote endpoint) says more than the setup's error.
      const unavailable = readBrokenBrowsers()[id] ?? /\[browser-unavailable\]\s*(.*)/.exec(error)?.[1];
      setupFailures.set(id, unavailable ? `${id} unavailable: ${unavailable}` : `the sign-in setup "${test.title}" failed: ${error}`);
    }
    const unreachable = new Map(readPreflight().filter((p) => !p.reachable).map((p) => [p.portal, p.reason ?? 'unreachable']));
    const missing = this.missingBrowsers();
    return this.suite.allTests().filter((t) => !isSetup(t)).map((test) => {
      const browser = browserIdOf(test.parent.project()?.name ?? 'default');
      const tagged = taskFromTags(test.tags, this.tasks());
      const file = path.basename(test.location.file).replace(/\.(spec|test)\.[jt]sx?$/, '');
      // Untagged tests: one row per describe path + title within a spec file, so no two rows read the same.
      const path_ = test.titlePath().slice(3).join(' › ');
      const portal = tagged.portal ?? file;
      const task = tagged.task?.task ?? path_;
      const last = test.results.at(-1);
      const annotations = [...test.annotations, ...(last?.annotations ?? [])];
      const note = (type: string) => annotations.find((a) => a.type === type)?.description;
      const outcome: TestRecord['outcome'] = test.results.length === 0 ? 'not-run' : test.outcome();
      const error = missing.has(browser) ? undefined : this.errorOf(last);
      const unreachableReason = note(ANNOTATIONS.portalUnreachable) ?? (outcome !== 'expected' ? unreachable.get(portal) : undefined);
      let blocked = outcome === 'expected' || outcome === 'flaky' ? undefined : note(ANNOTATIONS.couldNotRun);
      const neverRan = outcome === 'not-run' || (outcome === 'skipped' && !annotations.some((a) => a.type === 'skip'));
      // A failed setup project makes Playwright skip its browser's tests: they could not run.
      if (neverRan && setupFailures.has(browser) && !unreachableReason) blocked = setupFailures.get(browser);
      return {
        portal, task, title: tagged.task ? test.title : path_, browser,
        outcome: blocked && outcome === 'skipped' ? 'unexpected' : outcome,
        durationMs: test.results.reduce((s, r) => s + r.duration, 0),
        attempts: test.results.length,
        error: outcome === 'expected' ? undefined : error,
        portalMessage: note(ANNOTATIONS.portalMessage),
        unreachable: unreachableReason,
        skipReason: outcome === 'skipped' ? annotations.find((a) => a.type === 'skip')?.description : undefined,
        lastStatus: last?.status,
        expectedStatus: test.expectedStatus,
        blocked,
        evidence: this.evidenceOf(test.results),
        layout: this.layoutOf(last),
        ...this.diagnosisInputs(test.results, outcome),
      };
    });
  }

  /**
   * Signals and failing step of the attempt a diagnosis is about: the last failed attempt of a failed or flaky
   * test (a flaky test's retry passed), else the last attempt. Signals come as the fixtures' attachment.
   */
  private diagnosisInputs(results: readonly TestResult[], outcome: TestRecord['outcome']): Pick<TestRecord, 'signals' | 'step'> {
    const failedAttempt = [...results].reverse().find((r) => r.status !== 'passed' && r.status !== 'skipped');
    const attempt = outcome === 'expected' ? results.at(-1) : failedAttempt ?? results.at(-1);
    if (!attempt) return {};
    const body = attempt.attachments.find((a) => a.name === SIGNALS_ATTACHMENT)?.body;
    let signals: Signals | undefined;
    try {
      signals = body ? (JSON.parse(body.toString('utf8')) as Signals) : undefined;
    } catch {
      signals = undefined;
    }
    return { signals, step: outcome === 'expected' ? undefined : failingStep(attempt.steps) };
  }

  /** The layout checkpoints of an attempt (the fixtures' attachment), screenshots as paths relative to reports/. */
  private layoutOf(result: TestResult | undefined): RecordedCheckpoint[] | undefined {
    const body = result?.attachments.find((a) => a.name === LAYOUT_ATTACHMENT)?.body;
    if (!body) return undefined;
    try {
      const checkpoints = JSON.parse(body.toString('utf8')) as LayoutCheckpoint[];
      const recorded: RecordedCheckpoint[] = [];
      for (const c of checkpoints) {
        // An unchanged screen refers to the checkpoint that recorded it.
        const shown = c.sameAs !== undefined ? checkpoints[c.sameAs] : c;
        if (!shown?.snapshot) continue;
        const file = shown.screenshot ? result!.attachments.find((a) => a.name === shown.screenshot && a.path && fs.existsSync(a.path))?.path : undefined;
        recorded.push({ name: c.name, snapshot: shown.snapshot, screenshot: file ? path.relative(this.outputDir, file).split(path.sep).join('/') : undefined });
      }
      return recorded;
    } catch {
      return undefined;
    }
  }

  private errorOf(result: TestResult | undefined): string | undefined {
    const message = result?.errors.map((e) => e.message ?? e.value ?? '').filter(Boolean).join('\n');
    return message ? stripAnsi(message).slice(0, 4000) : undefined;
  }

  /** The latest attempt that has each kind of evidence: with traces on first retry, trace and screenshot may differ. */
  private evidenceOf(results: readonly TestResult[]): TestRecord['evidence'] {
    const find = (name: string): [string, number] | [] => {
      for (let i = results.length - 1; i >= 0; i--) {
        const file = results[i]!.attachments.find((a) => a.name === name && a.path && fs.existsSync(a.path))?.path;
        if (file) return [path.relative(this.outputDir, file).split(path.sep).join('/'), i + 1];
      }
      return [];
    };
    const [screenshot, screenshotAttempt] = find('screenshot');
    const [trace, traceAttempt] = find('trace');
    return { screenshot, screenshotAttempt, trace, traceAttempt };
  }
}
