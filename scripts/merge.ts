import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateAllureReport } from './report';
import { reportsDir } from '../src/config/paths';

/**
 * `npm run merge -- <dir> [<dir>…]`: each dir is a `reports/` folder from one shard. Merges the blob reports
 * through Playwright's merge-reports (our matrix reporter rebuilds the matrix from them) and the Allure results.
 */
function main(): number {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    console.error('merge: give the reports/ folders of the shards, e.g. npm run merge -- shard-1/reports shard-2/reports');
    return 2;
  }
  const reports = path.resolve(reportsDir());
  const blobs = path.join(reports, '.merge-blobs');
  fs.rmSync(blobs, { recursive: true, force: true });
  fs.mkdirSync(blobs, { recursive: true });
  for (const dir of dirs) {
    const blobDir = path.join(dir, 'blob-report');
    if (!fs.existsSync(blobDir)) {
      console.error(`merge: ${blobDir} not found — was that shard run with --shard (npm run matrix -- --shard=i/n)?`);
      return 2;
    }
    for (const f of fs.readdirSync(blobDir)) fs.copyFileSync(path.join(blobDir, f), path.join(blobs, f));
    const allure = path.join(dir, 'allure-results');
    if (fs.existsSync(allure) && path.resolve(allure) !== path.join(reports, 'allure-results')) {
      fs.cpSync(allure, path.join(reports, 'allure-results'), { recursive: true });
    }
  }
  const merged = spawnSync('npx', ['playwright', 'merge-reports', '--config', 'merge.config.ts', blobs], { stdio: 'inherit', env: process.env });
  generateAllureReport();
  return merged.status ?? 1;
}

process.exit(main());
