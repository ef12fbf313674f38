import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { readHistory } from '../src/matrix/history';
import type { Matrix } from '../src/matrix/model';
import { runSuite, runSuiteAsync, childEnv, npmCommand, ROOT } from './helpers';
import { startNode, stopTree } from '../src/processes/children';
import { RUN_MARK, leftoversAfter, newRunMark, processesMarked } from '../src/processes/leftovers';
import { evaluate, evaluateEnv, npmArgs, readNightly, stepRunning } from './workflow';

test.describe.configure({ mode: 'serial', timeout: 600_000 });

/** What must be identical between a sharded-and-merged run and a single run. */
const essence = (m: Matrix) => ({
  rows: m.rows.map((r) => ({ portal: r.portal, task: r.task, verdict: r.verdict, tests: r.tests, cells: Object.fromEntries(Object.entries(r.cells).map(([b, c]) => [b, c.status])) })),
  recommendation: m.recommendation,
  browsers: m.browsers.map((b) => ({ id: b.id, installed: b.installed, source: b.source })),
});

test('two shards merged give the same matrix as one unsharded run', async () => {
  const args = ['--grep', '@database-status|@pay-invoice'];
  const env = { LAB_MODE: 'broken', RETRIES: '0' };
  const single = runSuite('unsharded', env, args);
  // The two shards run side by side, one worker each, as two CI machines would.
  const shards = await Promise.all([1, 2].map((i) => runSuiteAsync(`shard-${i}`, { ...env, WORKERS: '1' }, [...args, `--shard=${i}/2`])));
  for (const s of shards) expect(fs.existsSync(path.join(s.reportsDir, 'blob-report')), s.output.slice(-2000)).toBe(true);
  const mergedDir = path.join(ROOT, 'reports', 'self-test-runs', 'merged');
  fs.rmSync(mergedDir, { recursive: true, force: true });
  // The nightly workflow's own merge step, as an unconfigured repository runs it (every secret and variable ""):
  // its shard folders and history paths pointed at this test's.
  const step = stepRunning(readNightly(), 'merge', /npm run merge/);
  const command = npmArgs(evaluate(step.run!)).filter((a) => !a.startsWith('shards/'));
  const summary = path.join(mergedDir, 'summary.md');
  const { file, args: npmRun } = npmCommand([...command, ...shards.map((s) => s.reportsDir)]);
  const merge = spawnSync(file, npmRun, {
    cwd: ROOT, encoding: 'utf8',
    env: { ...process.env, ...evaluateEnv(step.env, { 'github.server_url': 'https://github.com', 'github.repository': 'o/r', 'github.run_id': '1' }), REPORTS_DIR: mergedDir, MATRIX_HISTORY: path.join(mergedDir, 'history.jsonl'), ALLURE_HISTORY: path.join(mergedDir, 'allure-history.jsonl'), GITHUB_STEP_SUMMARY: summary },
  });
  // FAIL_ON=regression on a first night: failures are the current state, not regressions — the merge is green.
  expect(merge.status, merge.stdout + merge.stderr).toBe(0);
  const merged = JSON.parse(fs.readFileSync(path.join(mergedDir, 'matrix.json'), 'utf8')) as Matrix;
  expect(merged.rows.length, merge.stdout + merge.stderr).toBeGreaterThan(0);
  expect(fs.readFileSync(summary, 'utf8')).toBe(`${fs.readFileSync(path.join(mergedDir, 'matrix.md'), 'utf8').trimEnd()}\n\n`);
  expect(essence(merged)).toEqual(essence(single.matrix!));
  expect(fs.existsSync(path.join(mergedDir, 'allure-report', 'index.html'))).toBe(true);
});

test('SIGTERM mid-run of npm run matrix still writes a partial matrix, leaves history intact and nothing running', async () => {
  const reportsDir = path.join(ROOT, 'reports', 'self-test-runs', 'interrupted');
  fs.rmSync(reportsDir, { recursive: true, force: true });
  const history = path.join(reportsDir, 'history.jsonl');
  // Everything this run starts carries its own mark: after it, nothing carrying it may be left.
  const { mark, value } = newRunMark('interrupted');
  const child = startNode('scripts/matrix.ts', ['--workers=1', '--retries=0'], {
    cwd: ROOT, stdio: 'ignore', env: { ...childEnv('interrupted', reportsDir, { LAB_MODE: 'fixed', MATRIX_HISTORY: history }), [RUN_MARK]: value },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait until a few tasks have finished (allure-playwright writes one result file per finished test), then stop
  // the run as CI would.
  const finished = () => {
    const dir = path.join(reportsDir, 'allure-results');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('-result.json')).length : 0;
  };
  try {
    await expect.poll(finished, { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
    // Mid-run there is a lab and there are browsers, all carrying the mark (the check below can see them).
    expect(processesMarked(mark).map((p) => p.command).join('\n')).toMatch(/lab\/main\.ts[\s\S]*(chromium|firefox)|(chromium|firefox)[\s\S]*lab\/main\.ts/);
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
  } finally {
    await stopTree(child);
  }
  expect(await leftoversAfter(mark, 5_000)).toEqual([]);
  const matrix = JSON.parse(fs.readFileSync(path.join(reportsDir, 'matrix.json'), 'utf8')) as Matrix;
  const statuses = matrix.rows.flatMap((r) => [r.cells.chromium!.status, r.cells.firefox!.status]);
  expect(statuses).toContain('not-run');
  expect(statuses).toContain('passed');
  expect(matrix.run.status).toBe('interrupted');
  expect(readHistory(history)).toEqual([]);
});
