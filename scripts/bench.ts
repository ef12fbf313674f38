import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildMatrix, type TestRecord } from '../src/matrix/build';
import { renderHtml } from '../src/matrix/render-html';
import { renderMarkdown } from '../src/matrix/render-text';

/**
 * `npm run bench`: ratios measured in one run on this machine.
 *  1. harness overhead: `npm run matrix` vs bare `npx playwright test --reporter=list` (lab, fixed mode);
 *  2. parallelism: --workers=1 vs the default;
 *  3. reporting scale: the matrix from 1k/10k/100k synthetic results vs `allure generate` on the same results.
 * BENCH_SKIP_SUITE=1 runs only part 3; BENCH_ALLURE_MAX (default 10000) caps the sizes given to Allure.
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

function main(): void {
  if (process.argv[2] === '--render') return renderOnce(Number(process.argv[3]));
  console.log(`portal-matrix bench — ${os.cpus().length} cores, node ${process.version}\n`);
  if (!process.env.BENCH_SKIP_SUITE) {
    const env = { LAB_MODE: 'fixed', REPORTS_DIR: path.resolve('reports/bench'), MATRIX_HISTORY: path.join(os.tmpdir(), 'pm-bench-history.jsonl') };
    const bare = timed('npx', ['playwright', 'test', '--reporter=list'], env);
    const full = timed('npx', ['tsx', 'scripts/matrix.ts'], env);
    console.log(`1. harness overhead: bare playwright ${bare.toFixed(1)} s, npm run matrix ${full.toFixed(1)} s → ${(full / bare).toFixed(2)}× (target ≤ 1.3×)`);
    const one = timed('npx', ['playwright', 'test', '--reporter=list', '--workers=1'], env);
    console.log(`2. parallelism: workers=1 ${one.toFixed(1)} s, default workers ${bare.toFixed(1)} s → ${(one / bare).toFixed(2)}× faster with the default\n`);
  }
  const allureMax = Number(process.env.BENCH_ALLURE_MAX ?? 10_000);
  console.log('3. reporting scale (10 browsers; synthetic results)');
  console.log('   results   matrix ms   ms/1k   peak RSS MB   allure generate s   allure ÷ matrix');
  for (const n of [1_000, 10_000, 100_000]) {
    const child = spawnSync('npx', ['tsx', __filename, '--render', String(n)], { encoding: 'utf8' });
    const m = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number };
    let allure = '—', ratio = '—';
    if (n <= allureMax) {
      const dir = allureResults(n);
      const s = timed('npx', ['allure', 'generate', '--output', path.join(dir, 'report'), dir]);
      allure = s.toFixed(1);
      ratio = `${(s * 1000 / m.ms).toFixed(0)}×`;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`   ${String(n).padStart(7)}   ${m.ms.toFixed(0).padStart(9)}   ${(m.ms / (n / 1000)).toFixed(1).padStart(5)}   ${m.maxRssMb.toFixed(0).padStart(11)}   ${allure.padStart(17)}   ${ratio.padStart(15)}`);
  }
  console.log('   targets: 100k results in ≤ 2 s, ≥ 5× faster than allure generate, ms/1k roughly constant (linear).');
}

main();
