import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { reportsDir } from '../src/config/paths';

/** Allure's CLI (its package's `bin`, beside `dist/`), run by this Node: no npx, which needs a shell on Windows. */
export const ALLURE_CLI = path.join(path.dirname(require.resolve('allure')), '..', 'cli.js');

/** `npm run report`: turns reports/allure-results into reports/allure-report (the matrix is written by the reporter). */
export function generateAllureReport(): boolean {
  const reports = reportsDir();
  const results = path.resolve(reports, 'allure-results');
  if (!fs.existsSync(results)) {
    console.error('report: reports/allure-results does not exist — run `npm run matrix` (or npx playwright test) first.');
    return false;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [ALLURE_CLI, 'generate', '--config', 'allurerc.mjs', '--output', path.resolve(reports, 'allure-report'), results], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000, windowsHide: true });
  if (result.status !== 0) {
    console.error(`report: allure generate failed (exit ${result.status ?? result.signal}).`);
    return false;
  }
  stripAnalytics(path.resolve(reports, 'allure-report', 'index.html'));
  console.log(`Allure report: ${path.join(reports, 'allure-report', 'index.html')}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return true;
}

/**
 * Allure 3's report page loads Google Analytics (hard-wired on in this version). Reports of internal portals
 * must open offline and must not tell a third party about them, so the tag is removed.
 */
export function stripAnalytics(indexHtml: string): void {
  if (!fs.existsSync(indexHtml)) return;
  const html = fs.readFileSync(indexHtml, 'utf8');
  const stripped = html.replace(/<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*<script>[\s\S]*?gtag\('config'[\s\S]*?<\/script>/g, '');
  if (stripped !== html) fs.writeFileSync(indexHtml, stripped);
}

if (require.main === module) process.exit(generateAllureReport() ? 0 : 1);
