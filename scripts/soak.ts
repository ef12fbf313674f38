import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PLAYWRIGHT_CLI, nodeCommand } from '../src/processes/children';

/**
 * `npm run soak [-- --repeat-each=N]`: the lab suite repeated (default 20×) in every installed browser with
 * no retries, in fixed mode, so any flaky or unexpected result is a harness or lab problem to fix.
 */
const repeat = process.argv.find((a) => a.startsWith('--repeat-each='))?.split('=')[1] ?? '20';
const reports = path.resolve('reports/soak');
const started = Date.now();
const run = spawnSync(...nodeCommand(PLAYWRIGHT_CLI, ['test', `--repeat-each=${repeat}`, '--retries=0', '--reporter=dot,json']), {
  stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 30,
  env: { ...process.env, LAB_MODE: 'fixed', REPORTS_DIR: reports, PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'soak.json') },
});
const stats = JSON.parse(fs.readFileSync(path.join(reports, 'soak.json'), 'utf8')).stats as { expected: number; unexpected: number; flaky: number; skipped: number };
console.log(`soak: --repeat-each=${repeat}, ${((Date.now() - started) / 60_000).toFixed(1)} min: ${stats.expected} passed, ${stats.unexpected} unexpected, ${stats.flaky} flaky, ${stats.skipped} skipped`);
process.exit(run.status === 0 && stats.unexpected === 0 && stats.flaky === 0 ? 0 : 1);
