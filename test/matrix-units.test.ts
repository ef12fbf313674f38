import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { buildMatrix, type BuildInput, type TestRecord } from '../src/matrix/build';
import { appendHistory, historyEntry, readHistory } from '../src/matrix/history';
import { layoutViolations, parseFailOn, parsePolicy, policyText, policyViolations } from '../src/matrix/policy';
import type { LayoutSnapshot } from '../src/layout/snapshot';
import { renderHtml } from '../src/matrix/render-html';
import { renderConsole, renderMarkdown } from '../src/matrix/render-text';

const BROWSERS: BuildInput['browsers'] = [
  { id: 'chromium', name: 'Chromium', version: '156', source: 'system', installed: true },
  { id: 'firefox', name: 'Firefox ESR', version: '153', source: 'system', installed: true },
  { id: 'webkit', name: 'WebKit', installed: false, installHint: 'npx playwright install webkit' },
];
const TASKS: BuildInput['tasks'] = [
  { portal: 'pcd', task: 'db', title: 'DB status', severity: 'critical' },
  { portal: 'pcd', task: 'esxi', title: 'ESXi', severity: 'minor' },
  { portal: 'm365', task: 'pay', title: 'Pay', severity: 'critical' },
  { portal: 'm365', task: 'pdf', title: 'PDF', severity: 'normal' },
];

const rec = (portal: string, task: string, browser: string, outcome: TestRecord['outcome'], extra: Partial<TestRecord> = {}): TestRecord =>
  ({ portal, task, title: task, browser, outcome, durationMs: 100, attempts: outcome === 'flaky' ? 2 : 1, ...extra });

const build = (records: TestRecord[], extra: Partial<BuildInput> = {}) =>
  buildMatrix({ records, browsers: BROWSERS, tasks: TASKS, knownIssues: [], preference: ['chromium', 'firefox'], history: [], run: { startedAt: 'a', finishedAt: 'b', target: {} }, ...extra });

const all = (outcomes: Record<string, [TestRecord['outcome'], TestRecord['outcome']]>) =>
  Object.entries(outcomes).flatMap(([key, [c, f]]) => {
    const [portal, task] = key.split('/') as [string, string];
    return [rec(portal, task, 'chromium', c), rec(portal, task, 'firefox', f)];
  });

test('statuses and verdicts: browser-specific, fails-everywhere, all-passed, flaky is not passed, webkit not installed', () => {
  const m = build(all({ 'pcd/db': ['expected', 'unexpected'], 'pcd/esxi': ['unexpected', 'unexpected'], 'm365/pay': ['flaky', 'expected'], 'm365/pdf': ['expected', 'expected'] }));
  const row = (task: string) => m.rows.find((r) => r.task === task)!;
  expect(row('db').verdict).toBe('browser-specific');
  expect(row('esxi').verdict).toBe('fails-everywhere');
  expect(row('pay').cells.chromium!.status).toBe('flaky');
  expect(row('pay').verdict).toBe('all-passed');
  expect(row('pdf').cells.webkit).toMatchObject({ status: 'not-installed', reason: expect.stringContaining('npx playwright install webkit') });
  expect(m.rows.map((r) => r.task)).toEqual(['db', 'esxi', 'pay', 'pdf']);
});

test('infrastructure errors are broken, and a partial run reports what it lost as not-run', () => {
  const m = build([rec('pcd', 'db', 'chromium', 'unexpected', { error: 'Target page, context or browser has been closed' }), rec('pcd', 'db', 'firefox', 'not-run')]);
  const db = m.rows.find((r) => r.task === 'db')!;
  expect(db.cells.chromium!.status).toBe('broken');
  expect(db.cells.firefox!.status).toBe('not-run');
  expect(m.rows.find((r) => r.task === 'esxi')!.verdict).toBe('not-run');
});

test('portal unreachable blames no browser', () => {
  const m = build([rec('pcd', 'db', 'chromium', 'skipped', { unreachable: 'connection refused' }), rec('pcd', 'db', 'firefox', 'skipped', { unreachable: 'connection refused' })]);
  expect(m.rows.find((r) => r.task === 'db')).toMatchObject({ verdict: 'portal-unreachable', cells: { chromium: { status: 'not-run', reason: 'portal unreachable: connection refused' } } });
  expect(m.recommendation.perPortal.pcd).toBeNull();
});

test('several data rows of a task show their worst result', () => {
  const m = build([rec('pcd', 'db', 'chromium', 'expected', { title: 'a' }), rec('pcd', 'db', 'chromium', 'unexpected', { title: 'b', error: 'boom' })]);
  expect(m.rows[0]).toMatchObject({ tests: 2, cells: { chromium: { status: 'failed', error: 'boom', durationMs: 200 } } });
});

test('recommendation: one critical task outweighs any number of minor ones; no single browser when critical tasks split', () => {
  const m = build(all({ 'pcd/db': ['expected', 'unexpected'], 'pcd/esxi': ['unexpected', 'expected'], 'm365/pay': ['unexpected', 'expected'], 'm365/pdf': ['expected', 'expected'] }), { portalNames: { pcd: 'PCD', m365: 'Microsoft 365' } });
  expect(m.recommendation).toEqual({ overall: null, perPortal: { pcd: 'chromium', m365: 'firefox' }, reason: 'No single browser completes every critical task: use Chromium for PCD; Firefox ESR for Microsoft 365.' });
});

test('recommendation: ties go to the preference order; known issues count as failures', () => {
  const records = all({ 'pcd/db': ['expected', 'expected'], 'pcd/esxi': ['expected', 'expected'], 'm365/pay': ['expected', 'expected'], 'm365/pdf': ['expected', 'expected'] });
  expect(build(records).recommendation.overall).toBe('chromium');
  expect(build(records, { preference: ['firefox', 'chromium'] }).recommendation.overall).toBe('firefox');
  const known = build(records, { knownIssues: [{ portal: 'm365', task: 'pay', browser: 'chromium', reason: 'vendor bug' }] });
  expect(known.recommendation.overall).toBe('firefox');
  expect(known.rows.find((r) => r.task === 'pay')!.cells.chromium!.known).toBe('vendor bug');
});

test('history: changes since the previous run, trends, atomic append, damaged files refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-hist-'));
  const file = path.join(dir, 'h.jsonl');
  const first = build(all({ 'pcd/db': ['expected', 'expected'] }));
  appendHistory(file, [], historyEntry(first.rows, 't1'));
  const history = readHistory(file);
  const second = build(all({ 'pcd/db': ['expected', 'unexpected'] }), { history });
  expect(second.changes).toEqual([{ portal: 'pcd', task: 'db', browser: 'firefox', from: 'passed', to: 'failed' }]);
  expect(second.rows[0]!.cells.firefox!.trend).toEqual(['passed']);
  expect(policyViolations(second, 'regression', history)).toEqual(['pcd/db in firefox newly failed']);
  expect(policyViolations(second, 'never', history)).toEqual([]);
  // A task that ran for the first time is new, not "no changes".
  const withNewTask = build(all({ 'pcd/db': ['expected', 'unexpected'], 'm365/pay': ['expected', 'expected'] }), { history });
  expect(withNewTask.newTasks).toEqual(['m365/pay']);
  expect(renderConsole(withNewTask)).toContain('m365/pay: new — first run of this task, nothing to compare yet');
  const onlyNew = build(all({ 'pcd/db': ['expected', 'expected'], 'm365/pay': ['expected', 'expected'] }), { history });
  expect(renderConsole(onlyNew)).toMatch(/m365\/pay: new — first run of this task, nothing to compare yet\n {2}no changes in the tasks that ran before/);
  expect(renderConsole(onlyNew)).not.toContain('no changes since the previous run');
  // A first run has nothing to regress from: the same failure is the current state, not a regression.
  expect(policyViolations(build(all({ 'pcd/db': ['expected', 'unexpected'] })), 'regression', [])).toEqual([]);
  expect(policyViolations(build(all({ 'pcd/db': ['expected', 'unexpected'] })), 'any-failure', [])).toEqual(['pcd/db in firefox failed']);
  const stale = build(all({ 'pcd/db': ['expected', 'expected'] }), { knownIssues: [{ portal: 'pcd', task: 'db', browser: 'firefox', reason: 'r' }] });
  expect(policyViolations(stale, 'regression', [])[0]).toContain('the known list is stale');
  fs.writeFileSync(file, '{"not":"ours"}\n');
  expect(() => readHistory(file)).toThrow(`${file}:1: not a portal-matrix history entry`);
  fs.writeFileSync(file, 'garbage\n');
  expect(() => readHistory(file)).toThrow(`${file}:1: the history file is damaged (not JSON)`);
  expect(fs.readdirSync(dir)).toEqual(['h.jsonl']);
});

test('--fail-on accepts only the documented values', () => {
  expect(parseFailOn(undefined)).toBe('never');
  expect(parseFailOn('regression')).toBe('regression');
  expect(() => parseFailOn('sometimes')).toThrow('--fail-on "sometimes" is not valid. Use one of: never, regression, any-failure');
  expect(parsePolicy('regression+layout')).toEqual({ failOn: 'regression', layout: true });
  expect(parsePolicy('layout')).toEqual({ failOn: 'never', layout: true });
  expect(policyText(parsePolicy(' any-failure + layout '))).toBe('any-failure+layout');
  for (const bad of ['regression+any-failure', 'layout+layout', 'regression+looks']) expect(() => parsePolicy(bad), bad).toThrow('is not valid');
});

test('a task every browser completes but that looks different: verdict, labels, recommendation and the +layout policy', () => {
  const shot = (hidden: boolean): LayoutSnapshot => ({ path: '/', viewport: [1280, 720], scroll: [0, 0], elements: [
    { key: 'heading|Invoices|1', role: 'heading', name: 'Invoices', box: [10, 10, 200, 30], visible: true },
    { key: 'button|Save|1', role: 'button', name: 'Save', box: [10, 60, 80, 30], visible: true, ...(hidden ? { coveredBy: "navigation 'Main'" } : {}) },
  ] });
  const looks = (browser: string, hidden: boolean) => ({ layout: [{ name: 'Save the invoice', snapshot: shot(hidden), screenshot: `test-results/${browser}/layout-1.jpeg` }] });
  const records = [
    rec('m365', 'pay', 'chromium', 'expected', looks('chromium', true)), rec('m365', 'pay', 'firefox', 'expected', looks('firefox', false)),
    rec('m365', 'pdf', 'chromium', 'expected'), rec('m365', 'pdf', 'firefox', 'expected'),
  ];
  const m = build(records);
  const row = m.rows.find((r) => r.task === 'pay')!;
  expect(row).toMatchObject({ verdict: 'looks-different', layoutDiffersIn: ['chromium'] });
  expect(row.cells.chromium!.layout!.findings).toEqual([expect.objectContaining({ kind: 'covered', element: "button 'Save'", cause: "navigation 'Main'", checkpoint: 'Save the invoice',
    screenshots: { chromium: 'test-results/chromium/layout-1.jpeg', firefox: 'test-results/firefox/layout-1.jpeg' } })]);
  expect(row.cells.firefox!.layout).toBeUndefined();
  // Both complete every task: the one whose screens look like the other's is recommended, preference aside.
  expect(m.recommendation.overall).toBe('firefox');
  expect(renderConsole(m)).toMatch(/m365\/pay\s+pass≠\s+pass\s+n\/i\s+layout differs in chromium/);
  expect(renderConsole(m)).toContain("Looks different:\n  m365/pay: button 'Save' is covered by navigation 'Main' in Chromium 156 (system) at step 'Save the invoice'");
  expect(renderMarkdown(m)).toContain('✓ passed · looks different');
  const html = renderHtml(m);
  expect(html).toContain('aria-label="Looks different"');
  expect(html).toContain('src="test-results/firefox/layout-1.jpeg"');
  expect(layoutViolations(m)).toEqual(["m365/pay in chromium looks different: button 'Save' is covered by navigation 'Main' in chromium at step 'Save the invoice'"]);
  // A failing run is not compared: its screens differ for the reason its diagnosis gives.
  const failing = build([rec('m365', 'pay', 'chromium', 'unexpected', looks('chromium', true)), rec('m365', 'pay', 'firefox', 'expected', looks('firefox', false))]);
  expect(failing.rows[0]!.cells.chromium!.layout).toBeUndefined();
});

test('renderers: icons and words (not colour alone), install hints, escaped content', () => {
  const m = build([rec('pcd', 'db', 'chromium', 'unexpected', { error: '<script>alert(1)</script>', portalMessage: 'Database access error' })]);
  const html = renderHtml(m);
  expect(html).toContain('✗ failed');
  expect(html).toContain('&#60;script&#62;');
  expect(html).not.toContain('<script>');
  expect(html).toContain('The portal showed:</b> Database access error');
  expect(renderMarkdown(m)).toContain('`npx playwright install webkit`');
  expect(renderConsole(m)).toMatch(/pcd\/db\s+FAIL/);
});

test('a portal whose sign-in failed: could not run, no blame, no regression, no change, reported once', () => {
  const reason = 'sign-in to PCD failed: the page has no field labelled "Username" — the portal\'s sign-in page may have changed';
  const blocked = (task: string, browser: string) => rec('pcd', task, browser, 'unexpected', { blocked: reason, error: `[could-not-run] ${reason}` });
  const records = [blocked('db', 'chromium'), blocked('db', 'firefox'), blocked('esxi', 'chromium'), blocked('esxi', 'firefox'), ...all({ 'm365/pay': ['expected', 'unexpected'], 'm365/pdf': ['expected', 'expected'] })];
  const passedBefore = historyEntry(build(all({ 'pcd/db': ['expected', 'expected'], 'pcd/esxi': ['expected', 'expected'], 'm365/pay': ['expected', 'unexpected'], 'm365/pdf': ['expected', 'expected'] })).rows, 'yesterday');
  const m = build(records, { history: [passedBefore] });
  const db = m.rows.find((r) => r.task === 'db')!;
  expect(db.verdict).toBe('could-not-run');
  expect(db.cells.chromium).toMatchObject({ status: 'broken', blocked: true, reason });
  expect(db.cells.chromium!.error).toBeUndefined();
  expect(m.problems).toEqual([{ portal: 'pcd', browsers: ['chromium', 'firefox'], reason }]);
  expect(m.changes).toEqual([]);
  expect(policyViolations(m, 'regression', [passedBefore])).toEqual([]);
  expect(policyViolations(m, 'any-failure', [passedBefore])).toContain(`pcd/db in chromium broken (could not run: ${reason})`);
  expect(m.recommendation.perPortal).toEqual({ pcd: null, m365: 'chromium' });
  expect(m.recommendation.unjudged?.pcd).toBe('no evidence: sign-in to PCD failed: the page has no field labelled "Username"');
  expect(m.recommendation.reason).toContain('Not judged: pcd (no evidence: sign-in to PCD failed');
  expect(m.recommendation.reason).toContain('on every portal that could be judged');
  // Kept as not-run in history: the night it runs again compares with the last night it ran.
  const entry = historyEntry(m.rows, 'today');
  expect(entry.cells['pcd/db/chromium']).toBe('not-run');
  const next = build(all({ 'pcd/db': ['expected', 'unexpected'], 'pcd/esxi': ['expected', 'expected'] }), { history: [passedBefore, entry] });
  expect(next.changes).toEqual([{ portal: 'pcd', task: 'db', browser: 'firefox', from: 'passed', to: 'failed' }]);
  const text = renderConsole(m);
  expect(text.match(/sign-in to PCD failed/g)).toHaveLength(3); // problem line, recommendation, per-portal line
  expect(renderMarkdown(m)).toContain('**Could not run:**');
  expect(renderHtml(m)).toContain('aria-label="Could not run"');
});

test('all-passed only when every installed browser ran and passed; otherwise incomplete, with the reason', () => {
  const m = build([rec('pcd', 'db', 'chromium', 'expected'), rec('pcd', 'db', 'firefox', 'skipped'), rec('pcd', 'esxi', 'chromium', 'unexpected'), rec('pcd', 'esxi', 'firefox', 'not-run')]);
  const row = (task: string) => m.rows.find((r) => r.task === task)!;
  expect(row('db').verdict).toBe('incomplete');
  expect(row('db').cells.firefox!.reason).toMatch(/serial group/);
  expect(row('esxi').verdict).toBe('incomplete');
  expect(row('esxi').cells.firefox!.reason).toMatch(/interrupted or stopped/);
});

test('Playwright states: test.fail both ways, timeouts are failures, crashes are broken', () => {
  const m = build([
    rec('pcd', 'db', 'chromium', 'expected', { expectedStatus: 'failed', lastStatus: 'failed' }),
    rec('pcd', 'db', 'firefox', 'unexpected', { expectedStatus: 'failed', lastStatus: 'passed' }),
    rec('pcd', 'esxi', 'chromium', 'unexpected', { lastStatus: 'timedOut', error: 'Test timeout of 45000ms exceeded.\nError: locator.click: Target page, context or browser has been closed' }),
    rec('pcd', 'esxi', 'firefox', 'unexpected', { lastStatus: 'failed', error: 'Error: page.goto: Target crashed' }),
  ]);
  const row = (task: string) => m.rows.find((r) => r.task === task)!;
  expect(row('db').cells.chromium).toMatchObject({ status: 'expected-failure', reason: 'failed as expected (test.fail())' });
  expect(row('db').cells.firefox).toMatchObject({ status: 'unexpected-pass', reason: expect.stringContaining('remove the mark') });
  expect(row('esxi').cells.chromium!.status).toBe('failed');
  expect(row('esxi').cells.firefox!.status).toBe('broken');
  // An expected failure is not a completed task; an unexpected pass did the task.
  expect(m.recommendation.perPortal.pcd).toBe('firefox');
  expect(policyViolations(m, 'any-failure', [])).toContain('pcd/db in firefox unexpected-pass');
});

test('recommendation without critical tasks, or with failing browsers, never over-claims', () => {
  const tasks = TASKS.map((t) => ({ ...t, severity: 'normal' as const }));
  const m = build(all({ 'pcd/db': ['expected', 'unexpected'], 'pcd/esxi': ['unexpected', 'unexpected'], 'm365/pay': ['expected', 'expected'], 'm365/pdf': ['skipped', 'expected'] }), { tasks });
  expect(m.recommendation.overall).toBe('chromium');
  expect(m.recommendation.reason).toMatch(/^No task is marked critical\. Chromium completed 2 of 4 tasks \(failed 1, 1 did not run\)\. No installed browser completes pcd › .+\.$/);
  // The task that failed in every browser is named as such: no browser choice helps with it.
  expect(m.recommendation.nobodyCompletes).toEqual(['pcd/esxi']);
  expect(m.recommendation.reason).not.toContain('every critical task');
  // Critical tasks exist and Chromium completes them, but it failed a minor one: say so.
  const withCritical = build(all({ 'pcd/db': ['expected', 'unexpected'], 'pcd/esxi': ['unexpected', 'expected'], 'm365/pay': ['expected', 'unexpected'], 'm365/pdf': ['expected', 'expected'] }));
  expect(withCritical.recommendation.reason).toBe('Chromium completes every critical task (2) on every portal; of the other tasks it completed 1 of 2 tasks (failed 1).');
  // A browser that never ran anything is nobody's runner-up.
  const oneRan = build([rec('pcd', 'db', 'chromium', 'expected'), rec('pcd', 'db', 'firefox', 'unexpected', { blocked: 'firefox unavailable: no answer' })]);
  expect(oneRan.recommendation.reason).not.toContain('Firefox');
});

test('long row labels stay distinct in the console', () => {
  const long = 'checkout › a very long describe block name that goes on and on › and a test title that is just as long as it';
  const m = build([rec('suite', `${long} (one)`, 'chromium', 'expected'), rec('suite', `${long} (two)`, 'chromium', 'expected')], { tasks: [] });
  const labels = renderConsole(m).split('\n').filter((l) => l.startsWith('suite/')).map((l) => l.split(/\s{2,}/)[0]);
  expect(labels).toHaveLength(2);
  expect(new Set(labels).size).toBe(2);
});
