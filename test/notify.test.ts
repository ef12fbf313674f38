import http from 'node:http';
import { test, expect } from '@playwright/test';
import { buildMatrix, type TestRecord } from '../src/matrix/build';
import type { Matrix } from '../src/matrix/model';
import { historyEntry } from '../src/matrix/history';
import { renderMessage } from '../src/notify/formats';
import { notifyTeam, post } from '../src/notify/deliver';
import { parseNotifySettings, type NotifySettings } from '../src/notify/settings';
import { summarize, type NotifySummary } from '../src/notify/summary';
import { policyViolations } from '../src/matrix/policy';

const CANARY = 'Canary-7f3e-SECRET';
const browsers = [
  { id: 'chromium', name: 'Chromium', version: '156.0.8078.108', installed: true },
  { id: 'firefox', name: 'Firefox ESR', version: '153.7.0esr', installed: true },
];

/** A run with `n` tasks that passed last night and fail tonight in Firefox (its error names a secret URL and a path). */
function nightWithChanges(n: number): { matrix: Matrix; summary: NotifySummary } {
  const rec = (task: string, browser: string, outcome: TestRecord['outcome'], error?: string): TestRecord => ({ portal: 'pcd', task, title: task, browser, outcome, durationMs: 1, attempts: 1, error });
  const tasks = Array.from({ length: n }, (_, i) => `task-${i}`);
  const build = (records: TestRecord[], history = [] as ReturnType<typeof historyEntry>[]) => buildMatrix({
    records, browsers, tasks: [], knownIssues: [], preference: ['chromium'], history, run: { startedAt: 'a', finishedAt: 'b', target: {} },
  });
  const before = build(tasks.flatMap((t) => [rec(t, 'chromium', 'expected'), rec(t, 'firefox', 'expected')]));
  const error = `Error: page.goto: net::ERR_ABORTED at https://pcd.example/login?session=${CANARY}#x\n    at /work/main/specs/pcd/x.spec.ts:3:1`;
  const history = [historyEntry(before.rows, 'yesterday', { recommendation: before.recommendation })];
  const matrix = build(tasks.flatMap((t) => [rec(t, 'chromium', 'expected'), rec(t, 'firefox', 'unexpected', error)]), history);
  return { matrix, summary: summarize(matrix, history, policyViolations(matrix, 'regression', history), 'https://ci.example/run/1/') };
}

test('each format is valid for its service, names the changed cells with builds and the recommendation, and leaks nothing', () => {
  const { summary } = nightWithChanges(3);
  expect(summary.newlyBroken).toHaveLength(3);
  expect(summary.newlyBroken[0]).toMatchObject({ browser: 'Firefox ESR 153.7.0esr', from: 'passed', to: 'failed', cause: 'Error: page.goto: net::ERR_ABORTED at https://pcd.example/login' });

  const teams = JSON.parse(renderMessage('teams', summary));
  expect(teams).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null }] });
  const card = teams.attachments[0].content;
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
  for (const block of card.body) expect(block).toMatchObject({ type: 'TextBlock', text: expect.any(String), wrap: true });
  expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the report', url: 'https://ci.example/run/1/' }]);

  const slack = JSON.parse(renderMessage('slack', summary));
  expect(slack.text).toBe(summary.title);
  expect(slack.blocks.length).toBeLessThanOrEqual(50);
  expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: summary.title } });
  for (const b of slack.blocks) {
    expect(['header', 'section', 'context']).toContain(b.type);
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
  }

  const webex = JSON.parse(renderMessage('webex', summary));
  expect(Object.keys(webex)).toEqual(['markdown']);
  expect(Buffer.byteLength(webex.markdown)).toBeLessThanOrEqual(7439);
  expect(webex.markdown).toContain('pcd/task-0 in Firefox ESR 153.7.0esr: passed → failed');
  expect(webex.markdown).toContain('**Recommended browser:**');

  expect(JSON.parse(renderMessage('json', summary))).toMatchObject({ kind: 'portal-matrix-summary', regressions: ['pcd/task-0 in firefox newly failed', 'pcd/task-1 in firefox newly failed', 'pcd/task-2 in firefox newly failed'], recommendation: { overall: 'chromium' } });
  for (const format of ['teams', 'slack', 'webex', 'json'] as const) {
    const body = renderMessage(format, summary);
    expect(body, format).not.toContain(CANARY);
    expect(body, format).not.toContain('/work/main');
    expect(body, format).toContain('Chromium');
  }
});

test('a 500-row change list is cut to each service\'s size, then "and N more"', () => {
  const { summary } = nightWithChanges(500);
  const limits = { teams: 28_000, slack: 40_000, webex: 7_439, json: 100_000 } as const;
  for (const format of ['teams', 'slack', 'webex', 'json'] as const) {
    const body = renderMessage(format, summary);
    expect(Buffer.byteLength(body), format).toBeLessThanOrEqual(limits[format]);
    if (format !== 'json') expect(body, format).toMatch(/… and \d{3} more/);
  }
  expect(JSON.parse(renderMessage('json', summary)).omitted.newlyBroken).toBeGreaterThan(400);
});

/** A loopback receiver; `answer` decides each response (or none, to time out). */
async function receiver(answer: (n: number, res: http.ServerResponse) => void) {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => { bodies.push(b); answer(bodies.length, res); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook/${CANARY}`, bodies, close: () => server.close() };
}

test('delivery: sent once; a 500 is retried once and reported with the answer; refused and silent receivers are reported; never throws', async () => {
  const { matrix } = nightWithChanges(2);
  const history = [historyEntry(matrix.rows, 'x')];
  const settings = (url: string, on: NotifySettings['on'] = 'always'): NotifySettings => ({ urls: [url], format: 'teams', on });
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);

  const ok = await receiver((_, res) => res.end('1'));
  await notifyTeam(settings(ok.url), matrix, history, [], log);
  expect(ok.bodies).toHaveLength(1);
  ok.close();

  const failing = await receiver((_, res) => res.writeHead(500).end('Workflow trigger failed'));
  const [result] = await notifyTeam(settings(failing.url), matrix, history, [], log);
  expect(failing.bodies).toHaveLength(2);
  expect(result).toMatchObject({ ok: false, detail: expect.stringContaining('HTTP 500: Workflow trigger failed') });
  failing.close();

  const closed = await receiver(() => undefined);
  closed.close();
  const refused = await post(closed.url, '{}', 1_000);
  expect(refused).toMatchObject({ ok: false, detail: expect.stringContaining('ECONNREFUSED') });
  const silent = await receiver(() => undefined);
  expect(await post(silent.url, '{}', 300)).toMatchObject({ ok: false, detail: expect.stringContaining('no answer within 0.3 s') });
  silent.close();
  expect(logs.join('\n')).toContain('failed — HTTP 500: Workflow trigger failed');
  expect(logs.join('\n')).not.toContain(CANARY);
});

test('NOTIFY_ON decides whether to send; settings are validated', async () => {
  const { matrix } = nightWithChanges(1);
  const quiet = await receiver((_, res) => res.end('1'));
  const history = [historyEntry(matrix.rows, 'x', { recommendation: matrix.recommendation })];
  const logs: string[] = [];
  // No regression → nothing under the default policy; a change → sent under "change".
  await notifyTeam({ urls: [quiet.url], format: 'json', on: 'regression' }, matrix, history, [], (l) => logs.push(l));
  expect(quiet.bodies).toHaveLength(0);
  await notifyTeam({ urls: [quiet.url], format: 'json', on: 'change' }, matrix, history, [], (l) => logs.push(l));
  expect(quiet.bodies).toHaveLength(1);
  quiet.close();
  expect(logs[0]).toContain('no notification (NOTIFY_ON=regression: no regression)');

  expect(parseNotifySettings({})).toBeUndefined();
  expect(parseNotifySettings({ NOTIFY_WEBHOOK_URL: 'https://a.example/x, https://b.example/y', NOTIFY_FORMAT: 'slack' })).toEqual({ urls: ['https://a.example/x', 'https://b.example/y'], format: 'slack', on: 'regression', reportUrl: undefined });
  expect(() => parseNotifySettings({ NOTIFY_FORMAT: 'teamz' })).toThrow('NOTIFY_FORMAT="teamz" is not valid. Use one of: teams, slack, webex, json.');
  expect(() => parseNotifySettings({ NOTIFY_WEBHOOK_URL: 'ftp://hooks.example/x' })).toThrow('must be an http:// or https:// URL');
  expect(() => parseNotifySettings({ NOTIFY_ON: 'sometimes' })).toThrow('NOTIFY_ON="sometimes" is not valid');
});
