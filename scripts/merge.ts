import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateAllureReport } from './report';
import { reportsDir, matrixHistoryFile } from '../src/config/paths';
import { orExitOnBadInput } from '../src/errors';
import { appendJobSummary } from '../src/config/job-summary';
import { parseFailOn } from '../src/matrix/policy';
import { readHistory } from '../src/matrix/history';
import { parseNotifySettings } from '../src/notify/settings';

/**
 * `npm run merge -- <dir> [<dir>…]`: each dir is a `reports/` folder from one shard. Merges the blob reports
 * through Playwright's merge-reports (our matrix reporter rebuilds the matrix from them) and the Allure results.
 * Exit codes as `npm run matrix`: 0 = policy satisfied, 1 = violated (or the merge failed), 2 = bad input.
 */
function main(): number {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) return fail('give the reports/ folders of the shards, e.g. npm run merge -- shard-1/reports shard-2/reports');
  // The settings the merged run's reporter reads: checked first, so a typo is one line and nothing is written.
  orExitOnBadInput(() => {
    parseFailOn(process.env.FAIL_ON);
    parseNotifySettings(process.env);
    readHistory(matrixHistoryFile());
  }, 'merge');
  const missing = dirs.map((dir) => path.join(dir, 'blob-report')).filter((blobDir) => !fs.existsSync(blobDir));
  if (missing.length) return fail(`${missing.join(', ')} not found — was each shard run with --shard (npm run matrix -- --shard=i/n), and did it start?`);
  const reports = path.resolve(reportsDir());
  const blobs = path.join(reports, '.merge-blobs');
  fs.rmSync(blobs, { recursive: true, force: true });
  fs.mkdirSync(blobs, { recursive: true });
  for (const dir of dirs) {
    const blobDir = path.join(dir, 'blob-report');
    for (const f of fs.readdirSync(blobDir)) fs.copyFileSync(path.join(blobDir, f), path.join(blobs, f));
    const allure = path.join(dir, 'allure-results');
    if (fs.existsSync(allure) && path.resolve(allure) !== path.join(reports, 'allure-results')) {
      fs.cpSync(allure, path.join(reports, 'allure-results'), { recursive: true });
    }
  }
  const started = Date.now();
  const cli = require.resolve('@playwright/test/cli');
  const merged = spawnSync(process.execPath, [cli, 'merge-reports', '--config', 'merge.config.ts', blobs], { stdio: 'inherit', env: process.env });
  const matrixMd = path.join(reports, 'matrix.md');
  if (fs.existsSync(matrixMd) && fs.statSync(matrixMd).mtimeMs >= started - 1_000) {
    appendJobSummary(fs.readFileSync(matrixMd, 'utf8'));
  } else {
    appendJobSummary(`**No matrix was built:** Playwright's merge-reports exited ${merged.status ?? merged.signal} without writing matrix.md — see the merge step's log.`);
  }
  generateAllureReport();
  return merged.status ?? 1;
}

function fail(message: string): number {
  console.error(`merge: ${message}`);
  appendJobSummary(`**No matrix was built:** ${message}`);
  return 2;
}

process.exit(main());
