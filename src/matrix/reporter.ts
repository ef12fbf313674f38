import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { buildMatrix, type KnownIssueInfo, type TaskInfo, type TestRecord } from './build';
import { appendHistory, historyEntry, readHistory, type HistoryEntry } from './history';
import { parseFailOn, policyViolations } from './policy';
import { renderConsole } from './render-text';
import { writeMatrix } from './write';
import type { MatrixBrowser } from './model';
import type { BrowserEntry } from '../browsers/catalog';
import { loadKnownIssues, loadTasks } from '../data';
import { readPreflight } from '../preflight';
import { PORTAL_NAMES } from '../config/portals';
import { matrixHistoryFile, reportsDir } from '../config/paths';
import { ANNOTATIONS, taskFromTags } from './annotations';
import { browserIdOf } from '../harness';
import { loadSettings } from '../config/settings';
import { SecretScrubber, secretValues } from '../secrets/scrub';

export interface MatrixReporterOptions {
  /** Where matrix.json/html/md go (default "reports"). */
  outputDir?: string;
  /** History file (JSON Lines); MATRIX_HISTORY overrides. */
  historyFile?: string;
  /** Tie-break order for the recommendation; BROWSER_PREFERENCE overrides. */
  preference?: string[];
  /** never | regression | any-failure; FAIL_ON overrides. */
  failOn?: string;
  tasksFile?: string;
  knownIssuesFile?: string;
}

/** Passwords from the resolved settings (.env or lab defaults); none for a project that is not ours. */
function configuredPasswords(): string[] {
  try {
    return Object.values(loadSettings().targets).map((t) => t.password).filter(Boolean);
  } catch {
    return [];
  }
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
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
    this.historyFile = options.historyFile && !process.env.MATRIX_HISTORY ? path.resolve(options.historyFile) : matrixHistoryFile(this.outputDir);
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

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    // `playwright test --list` runs nothing: there is no matrix to write.
    if (process.argv.includes('--list')) return undefined;
    let failOn;
    try {
      failOn = parseFailOn(process.env.FAIL_ON ?? this.options.failOn);
    } catch (error) {
      console.error(`portal-matrix: ${(error as Error).message}`);
      return { status: 'failed' };
    }
    let history: HistoryEntry[] = [];
    let historyProblem: string | undefined;
    try {
      history = readHistory(this.historyFile);
    } catch (error) {
      historyProblem = (error as Error).message;
    }
    // Traces record typed values and request bodies: mask every secret before anything is read or kept.
    const scrubber = new SecretScrubber(secretValues(configuredPasswords()));
    for (const dir of [this.config.projects[0]?.outputDir, path.join(this.outputDir, 'allure-results')]) if (dir) scrubber.scrubTree(dir);
    const built = buildMatrix({
      records: this.records(),
      browsers: this.browsers(),
      tasks: this.tasks(),
      knownIssues: this.knownIssues(),
      preference: (process.env.BROWSER_PREFERENCE?.split(',') ?? this.options.preference ?? ['chromium', 'firefox', 'webkit', 'chrome', 'msedge']).map((s) => s.trim()),
      history,
      run: {
        startedAt: this.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        target: this.targets(),
        labMode: this.meta()?.labMode as string | undefined,
        shard: this.config.shard ? `${this.config.shard.current}/${this.config.shard.total}` : undefined,
        status: result.status,
      },
      portalNames: PORTAL_NAMES,
    });
    const matrix = scrubber.active ? (JSON.parse(scrubber.scrubText(JSON.stringify(built))) as typeof built) : built;
    const files = writeMatrix(this.outputDir, matrix);
    // Shards and interrupted runs do not write history: the merged (or next complete) run does.
    if (!historyProblem && !this.config.shard && result.status !== 'interrupted') {
      appendHistory(this.historyFile, history, historyEntry(matrix.rows, matrix.run.finishedAt));
    }
    console.log(`\n${renderConsole(matrix)}\n`);
    console.log(`Matrix:        ${path.relative(process.cwd(), files.html)}  (also matrix.json, matrix.md)`);
    if (historyProblem) console.error(`portal-matrix: history not updated — ${historyProblem}`);
    const violations = policyViolations(matrix, failOn, history.at(-1));
    if (violations.length) console.log(`--fail-on ${failOn}: ${violations.length} problem(s)\n  ${violations.join('\n  ')}`);
    if (historyProblem || result.status === 'interrupted') return { status: result.status === 'interrupted' ? 'interrupted' : 'failed' };
    if (failOn === 'never') return { status: 'passed' };
    return { status: violations.length ? 'failed' : 'passed' };
  }

  private meta(): Record<string, unknown> | undefined {
    return this.config.metadata?.portalMatrix as Record<string, unknown> | undefined;
  }

  private browsers(): MatrixBrowser[] {
    const catalog = this.meta()?.browsers as BrowserEntry[] | undefined;
    const versions = new Map<string, string>();
    for (const test of this.suite.allTests()) {
      for (const r of test.results) {
        const v = r.annotations?.find((a) => a.type === ANNOTATIONS.browserVersion)?.description;
        if (v) versions.set(test.parent.project()?.name ?? '', v);
      }
    }
    if (catalog) {
      return catalog.map((b) => {
        const version = b.version ?? versions.get(b.id);
        return { id: b.id, name: b.product, version, source: b.source, installed: b.installed, installHint: b.installHint };
      });
    }
    // Any other Playwright project: one column per project that has tests.
    const names = [...new Set(this.suite.allTests().filter((t) => !isSetup(t)).map((t) => t.parent.project()?.name ?? 'default'))];
    return names.map((id) => ({ id, name: id, version: versions.get(id), installed: true }));
  }

  private taskCatalogue?: TaskInfo[];

  /** data/tasks.csv (or the tasksFile option), read once; a project that is not ours may have none. */
  private tasks(): TaskInfo[] {
    if (!this.taskCatalogue) {
      const file = this.options.tasksFile;
      try {
        this.taskCatalogue = file || !this.isPeer() ? loadTasks(file) : [];
      } catch {
        this.taskCatalogue = [];
      }
    }
    return this.taskCatalogue;
  }

  private knownIssues(): KnownIssueInfo[] {
    try {
      return this.isPeer() && !this.options.knownIssuesFile ? [] : loadKnownIssues(this.options.knownIssuesFile);
    } catch {
      return [];
    }
  }

  private isPeer(): boolean {
    return !this.meta();
  }

  private targets(): Record<string, string> {
    const targets = this.meta()?.targets as Record<string, { url: string; isLab: boolean }> | undefined;
    return targets ? Object.fromEntries(Object.entries(targets).map(([p, t]) => [p, t.isLab ? `lab ${t.url}` : t.url])) : {};
  }

  private records(): TestRecord[] {
    const setupFailures = new Map<string, string>();
    for (const test of this.suite.allTests().filter(isSetup)) {
      if (test.outcome() === 'unexpected') setupFailures.set(browserIdOf(test.parent.project()?.name ?? ''), `${test.title} failed: ${this.errorOf(test.results.at(-1))}`);
    }
    const unreachable = new Map(readPreflight().filter((p) => !p.reachable).map((p) => [p.portal, p.reason ?? 'unreachable']));
    return this.suite.allTests().filter((t) => !isSetup(t)).map((test) => {
      const browser = test.parent.project()?.name ?? 'default';
      const tagged = taskFromTags(test.tags, this.tasks());
      const portal = tagged.portal ?? path.basename(test.location.file).replace(/\.(spec|test)\.[jt]sx?$/, '');
      const task = tagged.task?.task ?? test.titlePath().slice(3).join(' › ');
      const last = test.results.at(-1);
      const annotations = [...test.annotations, ...(last?.annotations ?? [])];
      const note = (type: string) => annotations.find((a) => a.type === type)?.description;
      let outcome: TestRecord['outcome'] = test.results.length === 0 ? 'not-run' : test.outcome();
      let error = this.errorOf(last);
      const unreachableReason = note(ANNOTATIONS.portalUnreachable) ?? (outcome !== 'expected' ? unreachable.get(portal) : undefined);
      const neverRan = outcome === 'not-run' || (outcome === 'skipped' && !annotations.some((a) => a.type === 'skip'));
      if (neverRan && setupFailures.has(browser) && !unreachableReason) {
        // The browser's sign-in setup failed, so Playwright skipped its tests: an infrastructure problem.
        outcome = 'unexpected';
        error = `[browser-unavailable] sign-in setup failed, the task could not run: ${setupFailures.get(browser)}`;
      }
      return {
        portal, task, title: test.title, browser, outcome,
        durationMs: test.results.reduce((s, r) => s + r.duration, 0),
        attempts: test.results.length,
        error: outcome === 'expected' ? undefined : error,
        portalMessage: note(ANNOTATIONS.portalMessage),
        unreachable: unreachableReason,
        skipReason: outcome === 'skipped' ? annotations.find((a) => a.type === 'skip')?.description : undefined,
        evidence: this.evidenceOf(last),
      };
    });
  }

  private errorOf(result: TestResult | undefined): string | undefined {
    const message = result?.errors.map((e) => e.message ?? e.value ?? '').filter(Boolean).join('\n');
    return message ? stripAnsi(message).slice(0, 4000) : undefined;
  }

  private evidenceOf(result: TestResult | undefined): TestRecord['evidence'] {
    const rel = (p?: string) => (p && fs.existsSync(p) ? path.relative(this.outputDir, p).split(path.sep).join('/') : undefined);
    const find = (name: string) => result?.attachments.find((a) => a.name === name && a.path)?.path;
    return { screenshot: rel(find('screenshot')), trace: rel(find('trace')) };
  }
}
