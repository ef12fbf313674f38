import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import { test, expect, chromium } from '@playwright/test';
import { DECLARED_BREAKS } from '../lab/breaks';
import { resolveBrowsers } from '../src/browsers/catalog';
import { CHROMIUM_ARGS } from '../src/browsers/catalog';
import { FAILING } from '../src/matrix/model';
import { readHistory } from '../src/matrix/history';
import { previousRun, runSuite, ROOT, type ChildRun } from './helpers';

// The lab suite runs as child Playwright processes; one at a time keeps this 2-core machine honest.
test.describe.configure({ mode: 'serial', timeout: 600_000 });

const CANARY = 'Canary-7f3e-SECRET';
const installed = resolveBrowsers(['chromium', 'firefox']).filter((b) => b.installed).map((b) => b.engine);
let broken: ChildRun | undefined;

/** Every file under dir, with zip archives (traces) opened, as text. */
function* filesWithText(dir: string): Generator<[string, string]> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    yield [file, bytes.toString('latin1')];
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      for (const [inner, data] of Object.entries(unzipSync(bytes))) yield [`${file}!${inner}`, Buffer.from(data).toString('latin1')];
    }
  }
}

test('broken lab: failures are exactly the declared breaks, with what the user saw; no secret reaches reports/', async () => {
  const run = runSuite('broken', { LAB_MODE: 'broken', EVIDENCE: 'all', PCD_PASSWORD: CANARY, M365_PASSWORD: CANARY, RETRIES: '0' });
  broken = run;
  expect(run.matrix, run.output.slice(-3000)).toBeDefined();
  const matrix = run.matrix!;
  expect(matrix.rows.length).toBeGreaterThanOrEqual(12);
  for (const row of matrix.rows) {
    const declared = DECLARED_BREAKS.find((b) => b.portal === row.portal && b.task === row.task);
    for (const engine of installed) {
      const cell = row.cells[engine]!;
      const shouldBreak = declared?.breaksIn.includes(engine) ?? false;
      expect(FAILING.has(cell.status), `${row.portal}/${row.task} in ${engine}: ${cell.status} ${cell.error ?? ''}`).toBe(shouldBreak);
      if (shouldBreak) expect(cell.portalMessage ?? cell.error).toContain(declared!.userSees);
    }
    expect(row.verdict).toBe(declared ? 'browser-specific' : 'all-passed');
    expect(row.cells.webkit?.status).toBe('not-installed');
  }
  expect(matrix.browsers.find((b) => b.id === 'webkit')?.installHint).toContain('npx playwright install');
  expect(matrix.recommendation.overall).toBeNull();
  expect(matrix.recommendation.perPortal).toEqual({ pcd: 'chromium', m365: 'firefox', webex: 'chromium' });
  expect(matrix.recommendation.reason).toMatch(/No single browser.*Chromium.*Firefox/);

  // Secrets: every file, traces and Allure attachments included, after the Allure report is generated too.
  spawnSync('npx', ['tsx', 'scripts/report.ts'], { cwd: ROOT, env: { ...process.env, REPORTS_DIR: run.reportsDir } });
  const leaks: string[] = [];
  let scanned = 0;
  for (const [file, text] of filesWithText(run.reportsDir)) {
    scanned++;
    if (text.includes(CANARY)) leaks.push(file);
  }
  expect(scanned).toBeGreaterThan(50);
  expect(fs.readdirSync(path.join(run.reportsDir, 'test-results'), { recursive: true }).some((f) => String(f).endsWith('trace.zip'))).toBe(true);
  expect(leaks).toEqual([]);
});

test('matrix.html and the Allure report open without errors or network requests', async ({}, testInfo) => {
  const run = broken ?? previousRun('broken');
  test.skip(!run?.matrix, 'needs the broken-lab run (the test before this one)');
  const { reportsDir, matrix } = run!;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const server = http.createServer((req, res) => {
    const file = path.join(reportsDir, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (!file.startsWith(reportsDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    const external: string[] = [];
    page.on('console', (m) => {
      // Allure's page probes optional widget files and a favicon that a report may not have; those 404s are benign.
      const benign = /status of 404/.test(m.text()) && /\/allure-report\/widgets\/|\/favicon\.ico/.test(m.location().url);
      if (m.type() === 'error' && !benign) errors.push(`${m.text()} @ ${m.location().url}`);
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => !r.url().startsWith(`http://127.0.0.1:${port}/`) && !r.url().startsWith('data:') && external.push(r.url()));
    await page.goto(`http://127.0.0.1:${port}/matrix.html`);
    await expect(page.getByRole('region', { name: 'Recommended browser' })).toContainText('No single browser');
    await expect(page.getByRole('table', { name: 'Compatibility matrix' }).getByRole('row')).toHaveCount(1 + 3 + matrix!.rows.length);
    await expect(page.getByRole('cell').filter({ hasText: '✗ failed' })).toHaveCount(3);
    await page.screenshot({ path: testInfo.outputPath('matrix.png'), fullPage: true });
    await page.goto(`http://127.0.0.1:${port}/allure-report/index.html`);
    await expect(page.getByText(/database/i).first()).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: testInfo.outputPath('allure.png') });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  } finally {
    server.close();
    await browser.close();
  }
});

test('fixed lab: every task passes in every installed browser, and a second run shows no changes', async () => {
  const history = path.join(os.tmpdir(), `portal-matrix-fixed-history-${process.pid}.jsonl`);
  fs.rmSync(history, { force: true });
  const run = runSuite('fixed', { LAB_MODE: 'fixed', MATRIX_HISTORY: history });
  expect(run.matrix, run.output.slice(-3000)).toBeDefined();
  const bad = run.matrix!.rows.filter((r) => r.verdict !== 'all-passed').map((r) => `${r.portal}/${r.task}: ${JSON.stringify(r.cells)}`);
  expect(bad).toEqual([]);
  expect(run.matrix!.recommendation.overall).toBe('chromium');
  expect(run.status).toBe(0);

  const again = runSuite('fixed-again', { LAB_MODE: 'fixed', MATRIX_HISTORY: history }, ['--grep', '@sign-in$|@view-invoice']);
  expect(again.matrix!.changes).toEqual([]);
  const signIn = again.matrix!.rows.find((r) => r.task === 'sign-in')!;
  expect(signIn.cells.chromium).toMatchObject({ status: 'passed', trend: ['passed'] });
  expect(readHistory(history)).toHaveLength(2);
});

test('declared breaks do not depend on the user-agent string', async () => {
  const grep = DECLARED_BREAKS.map((b) => `@${b.task}`).join('|');
  const run = runSuite('spoofed-ua', { LAB_MODE: 'broken', SPOOF_USER_AGENT: '1', RETRIES: '0' }, ['--grep', grep]);
  for (const b of DECLARED_BREAKS) {
    const row = run.matrix!.rows.find((r) => r.portal === b.portal && r.task === b.task)!;
    for (const engine of installed) {
      expect(FAILING.has(row.cells[engine]!.status), `${b.task} in ${engine} with a spoofed UA`).toBe(b.breaksIn.includes(engine));
    }
  }
});

test('a portal that is down is "portal unreachable" and no browser is blamed', async () => {
  const run = runSuite('down-pcd', { LAB_MODE: 'down:pcd' }, ['--grep', '@pcd|@view-invoice']);
  const matrix = run.matrix!;
  const pcd = matrix.rows.filter((r) => r.portal === 'pcd');
  expect(pcd.length).toBeGreaterThanOrEqual(4);
  for (const row of pcd) {
    expect(row.verdict).toBe('portal-unreachable');
    expect(Object.values(row.cells).some((c) => FAILING.has(c.status))).toBe(false);
    expect(row.cells.chromium?.reason).toContain('503');
  }
  expect(matrix.rows.find((r) => r.task === 'view-invoice')?.verdict).toBe('all-passed');
});
