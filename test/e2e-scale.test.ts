import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { loadPortals } from '../src/portals/registry';
import { readHistory } from '../src/matrix/history';
import type { Matrix } from '../src/matrix/model';
import { runSuite, runSuiteAsync, childEnv, ROOT } from './helpers';

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
  const merge = spawnSync('npx', ['tsx', 'scripts/merge.ts', ...shards.map((s) => s.reportsDir)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, REPORTS_DIR: mergedDir, MATRIX_HISTORY: path.join(mergedDir, 'history.jsonl') } });
  const merged = JSON.parse(fs.readFileSync(path.join(mergedDir, 'matrix.json'), 'utf8')) as Matrix;
  expect(merged.rows.length, merge.stdout + merge.stderr).toBeGreaterThan(0);
  expect(essence(merged)).toEqual(essence(single.matrix!));
  expect(fs.existsSync(path.join(mergedDir, 'allure-report', 'index.html'))).toBe(true);
});

test('SIGTERM mid-run still writes a partial matrix and leaves history intact', async () => {
  const reportsDir = path.join(ROOT, 'reports', 'self-test-runs', 'interrupted');
  fs.rmSync(reportsDir, { recursive: true, force: true });
  const history = path.join(reportsDir, 'history.jsonl');
  const child = spawn(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '--workers=1', '--retries=0'], {
    cwd: ROOT, stdio: 'ignore', env: childEnv('interrupted', reportsDir, { LAB_MODE: 'fixed', MATRIX_HISTORY: history }),
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait until the sign-in setups and a few tasks have finished (allure-playwright writes one result file per
  // finished test), then stop the run as CI would.
  const finished = () => {
    const dir = path.join(reportsDir, 'allure-results');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('-result.json')).length : 0;
  };
  const setups = 2 * loadPortals().filter((p) => p.signIn !== 'anonymous').length;
  await expect.poll(finished, { timeout: 120_000 }).toBeGreaterThanOrEqual(setups + 3);
  child.kill('SIGTERM');
  expect(await exited).not.toBe(0);
  const matrix = JSON.parse(fs.readFileSync(path.join(reportsDir, 'matrix.json'), 'utf8')) as Matrix;
  const statuses = matrix.rows.flatMap((r) => [r.cells.chromium!.status, r.cells.firefox!.status]);
  expect(statuses).toContain('not-run');
  expect(statuses).toContain('passed');
  expect(matrix.run.status).toBe('interrupted');
  expect(readHistory(history)).toEqual([]);
});
