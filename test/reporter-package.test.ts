import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import type { CellStatus, Matrix } from '../src/matrix/model';
import { ROOT, npmCommand } from './helpers';
import { resolveBrowser } from '../src/browsers/catalog';

test.describe.configure({ timeout: 300_000 });

interface JsonTest { projectName: string; status: string; expectedStatus: string; results: { status: string; attachments: { name: string; body?: string }[] }[] }
interface JsonSuite { title: string; suites?: JsonSuite[]; specs?: { title: string; tests: JsonTest[] }[] }

/** Playwright's own JSON report → the cell each test should be, keyed like the matrix's rows. */
function expectedCells(suite: JsonSuite, titles: string[] = [], out = new Map<string, CellStatus>()): Map<string, CellStatus> {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      const last = t.results.at(-1)?.status;
      const status: CellStatus =
        t.projectName === 'webkit' ? 'not-installed'
          : t.status === 'expected' ? (t.expectedStatus === 'failed' ? 'expected-failure' : 'passed')
            : t.status === 'flaky' ? 'flaky'
              : t.status === 'skipped' ? 'not-run'
                : t.expectedStatus === 'failed' && last === 'passed' ? 'unexpected-pass' : 'failed';
      out.set(`${[...titles, spec.title].join(' › ')} | ${t.projectName}`, status);
    }
  }
  for (const child of suite.suites ?? []) expectedCells(child, [...titles, child.title], out);
  return out;
}

test('another Playwright project installs the reporter from a tarball; exit code kept; cells agree with Playwright JSON', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-peer-'));
  const packing = npmCommand(['pack', '--pack-destination', dir, '--silent']);
  const pack = spawnSync(packing.file, packing.args, { cwd: ROOT, encoding: 'utf8' });
  const tarball = path.join(dir, pack.stdout.trim().split('\n').at(-1)!);
  expect(fs.existsSync(tarball), pack.stderr).toBe(true);
  for (const f of ['playwright.config.ts', 'suite.spec.ts', 'catalogue.spec.ts', 'tasks.csv', 'known-issues.csv']) fs.copyFileSync(path.join(ROOT, 'test', 'peer-project', f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'peer', private: true, devDependencies: { '@playwright/test': '1.64.1', 'portal-matrix': `file:${tarball}` } }));
  const installing = npmCommand(['install', '--no-audit', '--no-fund', '--loglevel=error']);
  const install = spawnSync(installing.file, installing.args, { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  expect(install.status, install.stderr).toBe(0);
  // Its own copy of Playwright, not ours: the situation where a second copy used to refuse to load.
  expect(fs.realpathSync(path.join(dir, 'node_modules', '@playwright', 'test'))).not.toContain(ROOT);

  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(FAIL_ON|PORTAL_MATRIX_|REPORTS_DIR|MATRIX_HISTORY|CI$)/.test(k))), PEER_CHROMIUM: resolveBrowser('chromium').launchOptions?.executablePath ?? '' };
  // The other project's own Playwright CLI, run by Node (what `npx playwright test` starts there).
  const run = spawnSync(process.execPath, [path.join(dir, 'node_modules', '@playwright', 'test', 'cli.js'), 'test'], { cwd: dir, encoding: 'utf8', timeout: 240_000, env });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).not.toContain('Requiring @playwright/test second time');
  // Failures → Playwright's exit code 1, unchanged by the reporter (no policy given).
  expect(run.status, output.slice(-3000)).toBe(1);

  const matrix = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'matrix', 'matrix.json'), 'utf8')) as Matrix;
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'playwright.json'), 'utf8')) as { suites: JsonSuite[] };
  const expected = new Map<string, CellStatus>();
  for (const file of json.suites.filter((s) => s.title === 'suite.spec.ts')) expectedCells(file, [file.title], expected);
  const actual = new Map<string, CellStatus>();
  for (const row of matrix.rows) for (const [browser, cell] of Object.entries(row.cells)) actual.set(`${row.portal}.spec.ts › ${row.task} | ${browser}`, cell.status);
  for (const [key, status] of expected) expect(actual.get(key), key).toBe(status);
  expect(expected.size).toBeGreaterThanOrEqual(13);

  const row = (task: string) => matrix.rows.find((r) => r.task === task)!;
  expect(row('times out').cells.chromium!.status, 'a timeout is a failure, not a crash').toBe('failed');
  expect(row('serial checkout › step two never runs').cells.chromium).toMatchObject({ status: 'not-run', reason: expect.stringMatching(/serial/) });
  expect(row('skipped with a reason').cells.chromium!.reason).toBe('not applicable on this tenant');
  expect(row('unexpected pass').cells.chromium!.reason).toContain('test.fail()');
  expect(row('plain pass @everywhere').verdict).toBe('all-passed');
  expect(row('serial checkout › step two never runs').verdict).toBe('not-run');

  // The browser that is not installed: one column, once, with the command — not a broken cell per test.
  const webkit = matrix.browsers.find((b) => b.id === 'webkit')!;
  expect(webkit).toMatchObject({ installed: false, installHint: expect.stringContaining('npx playwright install') });
  const md = fs.readFileSync(path.join(dir, 'out', 'matrix', 'matrix.md'), 'utf8');
  expect(md.split('npx playwright install').length - 1).toBe(1);
  expect(md).not.toContain('Allure');
  expect(fs.readFileSync(path.join(dir, 'out', 'matrix', 'matrix.html'), 'utf8')).not.toContain('allure-report');

  // No over-claiming: nothing is critical here, and chromium failed several tests.
  expect(matrix.recommendation.reason).not.toContain('every critical task');
  expect(matrix.recommendation.reason).toMatch(/No task is marked critical\. chromium completed \d+ of \d+ tasks \(failed \d+, \d+ did not run\)/);
  expect(matrix.recommendation.reason).not.toContain('webkit');

  // Rows read differently everywhere: the md table and the console table have no repeated label.
  const mdLabels = md.split('\n').filter((l) => l.startsWith('| suite |')).map((l) => l.split(' | ')[1]);
  const suiteRows = matrix.rows.filter((r) => r.portal === 'suite').length;
  expect(mdLabels).toHaveLength(suiteRows);
  expect(new Set(mdLabels).size).toBe(mdLabels.length);
  const consoleLabels = run.stdout.split('\n').filter((l) => l.startsWith('suite/')).map((l) => l.split(/\s{2,}/)[0]);
  expect(consoleLabels).toHaveLength(suiteRows);
  expect(new Set(consoleLabels).size).toBe(consoleLabels.length);
  expect(run.stdout).toContain('chromium (version unknown)'.split(' ')[0]);

  // tasksFile / knownIssuesFile: its own catalogue and known issues, with portals that are no plug-ins of ours.
  expect(output).not.toMatch(/tasks file not used|known issues file not used/);
  expect(row('orders')).toMatchObject({ portal: 'shop', title: 'List the orders', severity: 'normal' });
  expect(row('orders').cells.chromium).toMatchObject({ status: 'failed', known: 'order service outage (case 77)' });
  expect(row('home')).toMatchObject({ portal: 'shop', verdict: 'all-passed' });
  // The signals fixture from the package: the cause names the request, its status and what the server said.
  expect(row('orders').cells.chromium!.diagnosis!.likelyCause).toBe('a request failed: GET shop.test/api/orders → HTTP 500 — the server said: {"error":"order database unavailable"}');
  // The layout fixture from the package: a passing test ends with a checkpoint of what the page showed.
  const shop = json.suites.find((s) => s.title === 'catalogue.spec.ts')!.specs!.find((s) => s.title === 'open the shop')!;
  const layout = shop.tests[0]!.results.at(-1)!.attachments.find((a) => a.name === 'portal-matrix-layout');
  const checkpoints = JSON.parse(Buffer.from(layout!.body!, 'base64').toString('utf8')) as { name: string; snapshot: { elements: { key: string }[] } }[];
  expect(checkpoints.map((c) => c.name)).toEqual(['end of test']);
  expect(checkpoints[0]!.snapshot.elements.map((e) => e.key)).toContain('heading|Shop|1');
  // Tests without the fixture: said once, and their cells still get Playwright's words.
  expect(matrix.notes).toEqual([expect.stringContaining('came without browser signals')]);
  expect(md.match(/came without browser signals/g)).toHaveLength(1);
  expect(row('plain failure').cells.chromium!.diagnosis!.likelyCause).toMatch(/getByRole\('heading', \{ name: 'Invoices' \}\) never appeared/);
  // A browser-less test passing in the project whose browser is missing does not make the column installed.
  expect(row('settings are complete @everywhere').cells.webkit!.status).toBe('not-installed');
  expect(row('settings are complete @everywhere').verdict).toBe('all-passed');
  expect(row('plain pass @everywhere').verdict).toBe('all-passed');
  fs.rmSync(dir, { recursive: true, force: true });
});
