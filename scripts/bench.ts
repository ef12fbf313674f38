import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildMatrix, type TestRecord } from '../src/matrix/build';
import { renderHtml } from '../src/matrix/render-html';
import { renderMarkdown } from '../src/matrix/render-text';
import type { PhasesFile, TestPhases } from './bench-phases-reporter';
import { PLAYWRIGHT_CLI, nodeCommand } from '../src/processes/children';
import { ALLURE_CLI } from './report';

/**
 * `npm run bench`: ratios measured in one run on this machine (the lab in fixed mode, every installed browser).
 *  1. evidence policy and signals: `npm run matrix` with the default (trace on first retry) vs retain-on-failure
 *     (the old default) vs --trace off vs the default with SIGNALS=off vs the default with LAYOUT=off, alternated,
 *     BENCH_ROUNDS (default 2) each (BENCH_LAYOUT_ONLY=1: only the default and LAYOUT=off);
 *  2. harness overhead: `npm run matrix` vs a bare `npx playwright test` with a minimal reporter;
 *  3. where the time of the slowest five tests per browser goes (from that bare run);
 *  4. reporting scale: the matrix from 1k/10k/100k synthetic results vs `allure generate` on the same results;
 *  5. time to answer: `npm run matrix -- --grep @view-invoice` (one task, every installed browser) on a fresh lab
 *     and again with the sessions of the first run, split into phases, against a bare Playwright run of the same
 *     task with the same sessions and a minimal reporter.
 * BENCH_SKIP_SUITE=1 runs only parts 4 and 5, BENCH_ANSWER_ONLY=1 only part 5, BENCH_LAYOUT_ONLY=1 only layout on/off of part 1; BENCH_WORKERS=1 adds a --workers=1 run; BENCH_ALLURE_MAX (default
 * 10000) caps the sizes given to Allure.
 */
const BROWSERS = 10;

function synthetic(n: number): TestRecord[] {
  const records: TestRecord[] = [];
  for (let i = 0; i < n; i++) {
    const task = Math.floor(i / BROWSERS);
    const outcome = i % 17 === 0 ? 'unexpected' : i % 29 === 0 ? 'flaky' : 'expected';
    records.push({ portal: `portal-${task % 7}`, task: `task-${task}`, title: `task ${task}`, browser: `browser-${i % BROWSERS}`, outcome, durationMs: 1000 + (i % 300), attempts: outcome === 'flaky' ? 2 : 1, error: outcome === 'unexpected' ? `Error: step failed in task ${task}` : undefined });
  }
  return records;
}

/** Runs in a child process so time and peak memory belong to this size alone. */
function renderOnce(n: number): void {
  const records = synthetic(n);
  const started = process.hrtime.bigint();
  const matrix = buildMatrix({
    records, tasks: [], knownIssues: [], history: [], preference: [],
    browsers: Array.from({ length: BROWSERS }, (_, i) => ({ id: `browser-${i}`, name: `Browser ${i}`, installed: true })),
    run: { startedAt: '', finishedAt: '', target: {} },
  });
  const size = JSON.stringify(matrix).length + renderHtml(matrix).length + renderMarkdown(matrix).length;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, size }));
}

function allureResults(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-allure-${n}-`));
  for (const r of synthetic(n)) {
    const uuid = `${r.task}-${r.browser}`;
    fs.writeFileSync(path.join(dir, `${uuid}-result.json`), JSON.stringify({
      uuid, historyId: uuid, testCaseId: r.task, name: r.title, fullName: `${r.portal}#${r.title}`, status: r.outcome === 'unexpected' ? 'failed' : 'passed',
      stage: 'finished', start: 0, stop: r.durationMs, steps: [], attachments: [], parameters: [],
      labels: [{ name: 'browser', value: r.browser }, { name: 'epic', value: r.portal }, { name: 'feature', value: r.task }],
      statusDetails: r.error ? { message: r.error } : {},
    }));
  }
  return dir;
}

function timed(command: string, args: string[], env: Record<string, string> = {}): number {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'ignore', env: { ...process.env, ...env }, timeout: 1_800_000 });
  if (result.status !== 0 && result.status !== 1) console.log(`  (${command} ${args.join(' ')} exited ${result.status})`);
  return (Date.now() - started) / 1000;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const secs = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');

function suiteBench(): void {
  const env = { LAB_MODE: 'fixed', REPORTS_DIR: path.resolve('reports/bench'), MATRIX_HISTORY: path.join(os.tmpdir(), 'pm-bench-history.jsonl') };
  type Policy = { name: string; env: Record<string, string>; args: string[] };
  const all: Policy[] = [
    { name: 'default: trace on first retry', env: {}, args: [] },
    { name: 'retain-on-failure (old default)', env: { EVIDENCE: 'failures' }, args: [] },
    { name: 'trace off', env: {}, args: ['--trace', 'off'] },
    { name: 'default, diagnosis signals off', env: { SIGNALS: 'off' }, args: [] },
    { name: 'default, layout checkpoints off', env: { LAYOUT: 'off' }, args: [] },
  ];
  const policies = all.filter((p) => process.env.BENCH_LAYOUT_ONLY !== '1' || p.name === all[0]!.name || p.env.LAYOUT === 'off');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const times = policies.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    policies.forEach((p, i) => times[i]!.push(timed(...nodeCommand('scripts/matrix.ts', p.args), { ...env, ...p.env })));
  }
  const named = (prefix: string) => mean(times[policies.findIndex((p) => p.name.startsWith(prefix))] ?? [NaN]);
  const [current, old, off, noSignals, noLayout] = ['default: trace', 'retain-on-failure', 'trace off', 'default, diagnosis', 'default, layout'].map(named) as [number, number, number, number, number];
  if (rounds > 0) printPolicies(policies.map((p) => p.name), times, { current, old, off, noSignals, noLayout });
  if (process.env.BENCH_LAYOUT_ONLY === '1') return;

  const phasesFile = path.join(os.tmpdir(), 'pm-bench-phases.json');
  const bare = timed(...nodeCommand(PLAYWRIGHT_CLI, ['test', `--reporter=${path.resolve('scripts/bench-phases-reporter.ts')}`]), { ...env, BENCH_PHASES_FILE: phasesFile });
  if (rounds > 0) console.log(`2. harness overhead: bare playwright ${bare.toFixed(1)} s, npm run matrix ${current.toFixed(1)} s (mean) → ${(current / bare).toFixed(2)}× (target ≤ 1.3×)\n`);

  if (fs.existsSync(phasesFile)) printPhases((JSON.parse(fs.readFileSync(phasesFile, 'utf8')) as PhasesFile).tests);
  if (process.env.BENCH_WORKERS === '1') {
    const one = timed(...nodeCommand(PLAYWRIGHT_CLI, ['test', '--reporter=dot', '--workers=1']), env);
    console.log(`   workers=1 ${one.toFixed(1)} s vs default workers ${bare.toFixed(1)} s → ${(one / bare).toFixed(2)}× faster with the default\n`);
  }
}

function printPolicies(names: string[], times: number[][], m: { current: number; old: number; off: number; noSignals: number; noLayout: number }): void {
  console.log(`1. evidence policy (npm run matrix, fixed lab, ${times[0]!.length} alternated rounds each)`);
  names.forEach((name, i) => console.log(`   ${name.padEnd(34)} ${secs(times[i]!).padStart(15)} s  mean ${mean(times[i]!).toFixed(1)} s`));
  if (!Number.isNaN(m.old)) console.log(`   default ÷ retain-on-failure = ${(m.current / m.old).toFixed(2)}× (target ≤ 0.75×); trace off ÷ retain-on-failure = ${(m.off / m.old).toFixed(2)}×`);
  if (!Number.isNaN(m.old)) console.log(`   signals on ÷ signals off = ${(m.current / m.noSignals).toFixed(2)}× (target ≤ 1.05×)`);
  console.log(`   layout checkpoints on ÷ off = ${(m.current / m.noLayout).toFixed(2)}× (target ≤ 1.10×)\n`);
}

/** The slowest five tests per browser and where their time went (a portal's sign-in is in its first test's setup). */
function printPhases(rows: TestPhases[]): void {
  console.log('3. where the time goes (bare run, default policy): slowest five tests per browser, seconds');
  console.log('   test                                          total  setup  navigate  wait-portal  actions  teardown  other');
  const s = (ms: number) => (ms / 1000).toFixed(1);
  for (const project of [...new Set(rows.map((r) => r.project))].sort()) {
    console.log(`   [${project}]`);
    for (const r of rows.filter((x) => x.project === project).sort((a, b) => b.ms - a.ms).slice(0, 5)) {
      const other = r.ms - r.setup - r.navigation - r.waitingOnPortal - r.actions - r.teardown;
      console.log(`   ${r.title.slice(0, 44).padEnd(44)}  ${s(r.ms).padStart(5)}  ${s(r.setup).padStart(5)}  ${s(r.navigation).padStart(8)}  ${s(r.waitingOnPortal).padStart(11)}  ${s(r.actions).padStart(7)}  ${s(r.teardown).padStart(8)}  ${s(Math.max(0, other)).padStart(5)}`);
    }
  }
  console.log('   setup = fixtures before the test (browser, context, saved sign-in); wait-portal = web-first assertions and waits\n');
}

interface PhasedRun { started: number; wall: number; phases?: PhasesFile }

/** One timed `npm run matrix` (or bare Playwright) run with the phases reporter: when it started, its wall time, its phases. */
function timedWithPhases(command: [string, string[]], env: Record<string, string>): PhasedRun {
  const file = path.join(os.tmpdir(), `pm-bench-answer-${process.pid}.json`);
  fs.rmSync(file, { force: true });
  const started = Date.now();
  const wall = timed(...command, { ...env, BENCH_PHASES_FILE: file });
  return { started, wall, phases: fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PhasesFile) : undefined };
}

/** "start-up 1.7 · lab + global setup + listing 1.9 · tests 11.4 (chromium: browser start 0.4, …; firefox: …) · reports and exit 0.7" */
function describePhases({ started, wall, phases }: PhasedRun): string {
  if (!phases) return 'no phases recorded';
  const t = phases.timeline;
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const browsers = [...new Set(phases.tests.map((x) => x.project))].sort().map((project) => {
    const tests = phases.tests.filter((x) => x.project === project);
    const sum = (pick: (x: TestPhases) => number) => tests.reduce((a, x) => a + pick(x), 0);
    // Playwright's test durations leave out the worker's browser start; the sign-in is shown as its fixture took.
    return `${project}: browser start ${s(sum((x) => x.browserLaunch))}, sign-in ${s(sum((x) => x.signIn))}, tests ${s(sum((x) => x.ms))}`;
  });
  const testsEnded = t.lastTestEnded ?? t.began;
  return `start-up (npm, Playwright, config) ${s(t.configLoaded - started)} · lab + global setup + listing ${s(t.began - t.configLoaded)} · ` +
    `tests ${s(testsEnded - t.began)} (${browsers.join('; ')}) · reports and exit ${s(started + wall * 1000 - testsEnded)}`;
}

/**
 * Someone adding or re-checking one task waits for this: setup check, config, lab start, sign-ins (none on the
 * second run: the lab keeps its sessions and the harness reuses them), browser launch, the task, the matrix.
 */
function answerBench(): void {
  const task = '@view-invoice';
  const auth = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-auth-'));
  const env = { LAB_MODE: 'fixed', REPORTS_DIR: path.resolve('reports/bench-answer'), MATRIX_HISTORY: path.join(auth, 'history.jsonl'), PORTAL_MATRIX_AUTH_DIR: auth, CI: '' };
  // A fresh lab: no sessions kept from earlier runs of this checkout.
  fs.rmSync(path.resolve('.cache', 'lab-sessions'), { recursive: true, force: true });
  const setupCheck = timed(process.execPath, ['scripts/setup.mjs', '--quiet'], env);
  const matrix = nodeCommand('scripts/matrix.ts', ['--grep', task]);
  const first = timedWithPhases(matrix, env);
  const second = timedWithPhases(matrix, env);
  // The same task and sessions, Playwright alone: what the harness adds on top of the browsers' work.
  const bare = timedWithPhases(nodeCommand(PLAYWRIGHT_CLI, ['test', '--grep', task, `--reporter=${path.resolve('scripts/bench-phases-reporter.ts')}`]), env);
  console.log('5. time to answer: one task (view-invoice, two invoices) in every installed browser, fixed lab');
  console.log(`   setup check ${setupCheck.toFixed(2)} s (target ≤ 0.3 s)`);
  console.log(`   npm run matrix -- --grep ${task}, first run (fresh lab, no session): ${first.wall.toFixed(1)} s (target ≤ 25 s)`);
  console.log(`     ${describePhases(first)}`);
  console.log(`   second run (sessions kept): ${second.wall.toFixed(1)} s (target ≤ 15 s)`);
  console.log(`     ${describePhases(second)}`);
  console.log(`   bare npx playwright test, same task and sessions, minimal reporter: ${bare.wall.toFixed(1)} s → second run ÷ bare = ${(second.wall / bare.wall).toFixed(2)}× (target ≤ 1.05×)`);
  console.log(`     ${describePhases(bare)}\n`);
  fs.rmSync(auth, { recursive: true, force: true });
}

function main(): void {
  if (process.argv[2] === '--render') return renderOnce(Number(process.argv[3]));
  console.log(`portal-matrix bench — ${os.cpus().length} cores, node ${process.version}\n`);
  if (process.env.BENCH_ANSWER_ONLY) return answerBench();
  if (process.env.BENCH_LAYOUT_ONLY) return suiteBench();
  answerBench();
  if (!process.env.BENCH_SKIP_SUITE) suiteBench();
  const allureMax = Number(process.env.BENCH_ALLURE_MAX ?? 10_000);
  console.log('4. reporting scale (10 browsers; synthetic results)');
  console.log('   results   matrix ms   ms/1k   peak RSS MB   allure generate s   allure ÷ matrix');
  for (const n of [1_000, 10_000, 100_000]) {
    const child = spawnSync(...nodeCommand(__filename, ['--render', String(n)]), { encoding: 'utf8' });
    const m = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number };
    let allure = '—', ratio = '—';
    if (n <= allureMax) {
      const dir = allureResults(n);
      const s = timed(process.execPath, [ALLURE_CLI, 'generate', '--output', path.join(dir, 'report'), dir]);
      allure = s.toFixed(1);
      ratio = `${(s * 1000 / m.ms).toFixed(0)}×`;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`   ${String(n).padStart(7)}   ${m.ms.toFixed(0).padStart(9)}   ${(m.ms / (n / 1000)).toFixed(1).padStart(5)}   ${m.maxRssMb.toFixed(0).padStart(11)}   ${allure.padStart(17)}   ${ratio.padStart(15)}`);
  }
  console.log('   targets: 100k results in ≤ 2 s, ≥ 5× faster than allure generate, ms/1k roughly constant (linear).');
}

main();
