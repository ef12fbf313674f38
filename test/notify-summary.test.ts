import { test, expect } from '@playwright/test';
import { buildMatrix, type BuildInput, type TestRecord } from '../src/matrix/build';
import { historyEntry, type HistoryEntry } from '../src/matrix/history';
import { policyViolations } from '../src/matrix/policy';
import type { Matrix } from '../src/matrix/model';
import { renderMessage } from '../src/notify/formats';
import { summarize, type NotifySummary } from '../src/notify/summary';
import { notifyTeam } from '../src/notify/deliver';
import { NOTIFY_FORMATS } from '../src/notify/settings';
// Microsoft's own Adaptive Cards SDK (its browser bundle parses and validates without a DOM).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const BROWSERS: BuildInput['browsers'] = [
  { id: 'chromium', name: 'Chromium', version: '156.0.8078.108', source: 'system', installed: true },
  { id: 'firefox', name: 'Firefox ESR', version: '153.8.0esr', source: 'system', installed: true },
  { id: 'webkit', name: 'WebKit', installed: false, installHint: 'npx playwright install webkit' },
];
const TASKS: BuildInput['tasks'] = [
  { portal: 'm365', task: 'pay-invoice', title: 'Pay an invoice', severity: 'critical' },
  { portal: 'm365', task: 'view-invoice', title: 'View an invoice', severity: 'normal' },
  { portal: 'cucm', task: 'export-cdr', title: 'Export CDRs for a month', severity: 'normal' },
  { portal: 'cucm', task: 'set-phone-owner', title: "Set a phone's owner", severity: 'normal' },
  { portal: 'pcd', task: 'database-status', title: 'Check database replication', severity: 'critical' },
];
type Outcome = TestRecord['outcome'];
const PAY_ERROR = 'Error: expect(locator).toBeVisible() failed\n\nLocator: getByText(\'Payment received\')';
const rec = (key: string, browser: string, outcome: Outcome): TestRecord => {
  const [portal, task] = key.split('/') as [string, string];
  const failing = outcome === 'unexpected';
  return {
    portal, task, title: task, browser, outcome, durationMs: 100, attempts: 1,
    ...(failing && task === 'pay-invoice' ? { portalMessage: 'Payment could not be completed.', error: PAY_ERROR } : {}),
    ...(failing && task === 'export-cdr' ? { error: 'TypeError: chosen is null' } : {}),
    ...(failing && task === 'set-phone-owner' ? { error: 'TypeError: window.showModalDialog is not a function' } : {}),
  };
};
/** One night: each task's outcome in Chromium and Firefox. */
const night = (outcomes: Record<string, [Outcome, Outcome]>) => Object.entries(outcomes).flatMap(([key, [c, f]]) => [rec(key, 'chromium', c), rec(key, 'firefox', f)]);
const build = (records: TestRecord[], history: HistoryEntry[] = []) =>
  buildMatrix({ records, browsers: BROWSERS, tasks: TASKS, knownIssues: [], preference: ['chromium', 'firefox'], history, run: { startedAt: 'a', finishedAt: 'b', target: {} } });
const summaryOf = (m: Matrix, history: HistoryEntry[] = []) => summarize(m, history, policyViolations(m, 'regression', history));
const entry = (m: Matrix) => historyEntry(m.rows, 'yesterday', { recommendation: m.recommendation });

/** The lab's picture: payment fails in Chromium, the CDR export in Firefox, the owner lookup everywhere. */
const LAB = { 'm365/pay-invoice': ['unexpected', 'expected'], 'm365/view-invoice': ['expected', 'expected'], 'cucm/export-cdr': ['expected', 'unexpected'], 'cucm/set-phone-owner': ['unexpected', 'unexpected'], 'pcd/database-status': ['expected', 'expected'] } as const satisfies Record<string, [Outcome, Outcome]>;

/** Every line of text the Teams card shows. */
const teamsText = (s: NotifySummary) => (JSON.parse(renderMessage('teams', s)) as { attachments: { content: { body: { text: string }[] } }[] }).attachments[0]!.content.body.map((b) => b.text).join('\n');

test('first run with failures: "first run", what fails where and why, no regression', () => {
  const m = build(night({ ...LAB }));
  const s = summaryOf(m);
  expect(s.title).toBe('Browser compatibility: first run · 4 failing cells in 3 tasks');
  expect(s.title).not.toContain('no changes');
  expect(s.regressions).toEqual([]);
  expect(s.counts).toMatchObject({ tasks: 5, catalogue: 5, cells: 10, passed: 6, failed: 4, notRun: 0 });
  expect(s.failing.map((r) => [`${r.portal}/${r.task}`, r.verdict, r.failsIn])).toEqual([
    ['m365/pay-invoice', 'browser-specific', ['Chromium 156.0.8078.108']],
    ['cucm/export-cdr', 'browser-specific', ['Firefox ESR 153.8.0esr']],
    ['cucm/set-phone-owner', 'fails-everywhere', ['Chromium 156.0.8078.108', 'Firefox ESR 153.8.0esr']],
  ]);
  const text = teamsText(s);
  expect(text).toContain('Failing now');
  expect(text).toContain('m365/pay-invoice (Pay an invoice): fails in Chromium 156.0.8078.108 (works in Firefox ESR 153.8.0esr) — Payment could not be completed.');
  expect(text).toContain('cucm/export-cdr (Export CDRs for a month): fails in Firefox ESR 153.8.0esr (works in Chromium 156.0.8078.108) — TypeError: chosen is null');
  expect(text).toContain("cucm/set-phone-owner (Set a phone's owner): fails in every browser that ran it — TypeError: window.showModalDialog is not a function");
  expect(text).not.toMatch(/Newly broken|Still failing|Regressions/);
});

test('failures and no change: "no changes", and the failures are still listed as still failing', () => {
  const history = [entry(build(night({ ...LAB })))];
  const s = summaryOf(build(night({ ...LAB }), history), history);
  expect(s.title).toBe('Browser compatibility: no changes · 4 failing cells in 3 tasks');
  expect(s.regressions).toEqual([]);
  expect(s.newlyBroken).toEqual([]);
  const text = teamsText(s);
  expect(text).toContain('Still failing');
  expect(text).toContain('m365/pay-invoice (Pay an invoice): fails in Chromium');
  expect(text).toContain('cucm/set-phone-owner');
});

test('a new break and a fix: both named, the break is the regression the title counts, old failures still listed', () => {
  const history = [entry(build(night({ ...LAB })))];
  const tonight = build(night({ ...LAB, 'pcd/database-status': ['expected', 'unexpected'], 'cucm/export-cdr': ['expected', 'expected'] }), history);
  const s = summaryOf(tonight, history);
  expect(s.title).toBe('Browser compatibility: 1 newly broken, 1 newly fixed · 4 failing cells in 3 tasks · 1 regression · recommendation changed');
  expect(s.regressions).toEqual(['pcd/database-status in firefox newly failed']);
  expect(s.newlyBroken.map((l) => `${l.portal}/${l.task} ${l.browser} ${l.from}→${l.to}`)).toEqual(['pcd/database-status Firefox ESR 153.8.0esr passed→failed']);
  expect(s.newlyFixed.map((l) => `${l.portal}/${l.task}`)).toEqual(['cucm/export-cdr']);
  const text = teamsText(s);
  expect(text).toContain('Regressions (fail --fail-on regression)\n- pcd/database-status in firefox newly failed');
  // The picture first, then the changes; the new break is under "Newly broken" only, the old ones "Still failing".
  expect(text.indexOf('Still failing')).toBeLessThan(text.indexOf('Regressions'));
  const still = text.slice(text.indexOf('Still failing'), text.indexOf('Regressions'));
  expect(still).toContain('m365/pay-invoice');
  expect(still).not.toContain('pcd/database-status');
});

test('a portal that could not run: said once per portal, not counted as failing or as a regression', () => {
  const reason = 'sign-in to Microsoft 365 failed: Your account or password is incorrect.';
  const blocked = (task: string, browser: string): TestRecord => ({ ...rec(`m365/${task}`, browser, 'unexpected'), portalMessage: undefined, error: `[could-not-run] ${reason}`, blocked: reason });
  const history = [entry(build(night({ ...LAB })))];
  const records = [...night({ 'cucm/export-cdr': LAB['cucm/export-cdr'], 'cucm/set-phone-owner': LAB['cucm/set-phone-owner'], 'pcd/database-status': LAB['pcd/database-status'] }),
    ...['pay-invoice', 'view-invoice'].flatMap((t) => [blocked(t, 'chromium'), blocked(t, 'firefox')])];
  const s = summaryOf(build(records, history), history);
  expect(s.counts).toMatchObject({ failed: 3, couldNotRun: 4 });
  expect(s.regressions).toEqual([]);
  expect(s.failing.map((r) => r.task)).toEqual(['export-cdr', 'set-phone-owner']);
  expect(s.problems).toEqual([{ portal: 'm365', browsers: ['Chromium 156.0.8078.108', 'Firefox ESR 153.8.0esr'], reason }]);
  const text = teamsText(s);
  expect(text).toContain(`Could not run\n- m365 in Chromium 156.0.8078.108, Firefox ESR 153.8.0esr: ${reason}`);
  expect(text.slice(text.indexOf('Still failing'), text.indexOf('Could not run'))).not.toContain('m365');
  expect(text.indexOf('Still failing')).toBeLessThan(text.indexOf('Could not run'));
});

test('a selected run counts what it selected: "2 of 5 tasks selected", the rest is not "not run"', () => {
  const m = build(night({ 'm365/pay-invoice': LAB['m365/pay-invoice'], 'cucm/export-cdr': LAB['cucm/export-cdr'] }));
  const s = summaryOf(m);
  expect(s.counts).toMatchObject({ tasks: 2, catalogue: 5, cells: 4, passed: 2, failed: 2, notRun: 0 });
  expect(s.title).toBe('Browser compatibility: first run · 2 failing cells in 2 tasks');
  expect(teamsText(s)).toContain('2 of 5 tasks selected, 4 cells: 2 passed, 2 failed, 0 flaky');
  expect(teamsText(s)).not.toContain('not run');
});

test('every format carries the same picture; the Teams card passes Microsoft\'s Adaptive Cards parser and validator', () => {
  const history = [entry(build(night({ ...LAB })))];
  const tonight = build(night({ ...LAB, 'pcd/database-status': ['expected', 'unexpected'] }), history);
  const s = summarize(tonight, history, policyViolations(tonight, 'regression', history), 'https://ci.example/runs/1');
  for (const format of NOTIFY_FORMATS) {
    const body = renderMessage(format, s);
    for (const words of ['database-status', 'pay-invoice', 'Payment could not be completed.', 'set-phone-owner', 'newly failed']) expect(body, `${format}: ${words}`).toContain(words);
  }
  const card = (JSON.parse(renderMessage('teams', s)) as { attachments: { content: unknown }[] }).attachments[0]!.content;
  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  parsed.parse(card, context);
  expect(Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message)).toEqual([]);
  expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
  // The parser is strict enough to matter: a misspelt property value is reported.
  const wrong = new AdaptiveCards.SerializationContext();
  new AdaptiveCards.AdaptiveCard().parse({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'x', weight: 'Heavy' }] }, wrong);
  expect(wrong.eventCount).toBe(1);
});

test('a task that works but looks different: listed on the first night, "still" the next, "newly" when it starts; every format says it', async () => {
  const snapshot = (hidden: boolean) => ({ path: '/billing', viewport: [1280, 720] as [number, number], scroll: [0, 0] as [number, number], elements: [
    { key: 'heading|Invoice summary|1', role: 'heading', name: 'Invoice summary', box: [240, 20, 300, 30] as [number, number, number, number], visible: true },
    { key: 'region|Invoice summary|1', role: 'region', name: 'Invoice summary', box: [240, 60, 600, hidden ? 0 : 200] as [number, number, number, number], visible: !hidden },
  ] });
  const looking = (firefoxHidden: boolean) => night({ ...LAB }).map((r) => (r.task === 'view-invoice'
    ? { ...r, layout: [{ name: 'Open the invoice', snapshot: snapshot(firefoxHidden && r.browser === 'firefox') }] } : r));
  const first = build(looking(true));
  expect(first.rows.find((r) => r.task === 'view-invoice')).toMatchObject({ verdict: 'looks-different', layoutDiffersIn: ['firefox'] });
  const s1 = summaryOf(first);
  expect(s1.title).toBe('Browser compatibility: first run · 4 failing cells in 3 tasks · 1 task looks different');
  expect(s1.looksDifferent).toEqual([{ portal: 'm365', task: 'view-invoice', title: 'View an invoice', browsers: ['Firefox ESR 153.8.0esr'], isNew: false,
    finding: "region 'Invoice summary' is hidden in Firefox ESR 153.8.0esr at step 'Open the invoice'" }]);
  expect(teamsText(s1)).toContain("Looks different\n- m365/view-invoice (View an invoice): completed, but looks different in Firefox ESR 153.8.0esr — region 'Invoice summary' is hidden");

  // The next night, the same: still looks different; no "newly", and the outcome delta stays "no changes".
  const history = [entry(first)];
  const s2 = summaryOf(build(looking(true), history), history);
  expect(s2.title).toBe('Browser compatibility: no changes · 4 failing cells in 3 tasks · 1 task looks different');
  expect(teamsText(s2)).toContain('Still looks different\n- m365/view-invoice');
  expect(teamsText(s2)).not.toContain('Newly looks different');

  // A night that looked alike, then one that does not: that is new, and said in the title like a new failure.
  const alike = [entry(build(looking(false)))];
  const s3 = summaryOf(build(looking(true), alike), alike);
  expect(s3.title).toBe('Browser compatibility: no changes in outcomes, 1 newly looking different · 4 failing cells in 3 tasks · 1 task looks different');
  for (const format of NOTIFY_FORMATS) expect(renderMessage(format, s3), format).toContain("region 'Invoice summary' is hidden");
  expect(teamsText(s3)).toContain('Newly looks different\n- m365/view-invoice');

  // NOTIFY_ON=change: a task newly looking different is a change; the same difference again is not.
  const logs: string[] = [];
  const nowhere = { urls: ['http://127.0.0.1:9/'], format: 'json' as const, on: 'change' as const };
  await notifyTeam(nowhere, build(looking(true), history), history, [], (l) => logs.push(l));
  await notifyTeam(nowhere, build(looking(true), alike), alike, [], (l) => logs.push(l));
  expect(logs[0]).toContain('no notification (NOTIFY_ON=change: nothing changed)');
  expect(logs[1]).toContain('notification to json webhook at http://127.0.0.1:9 failed');
});
