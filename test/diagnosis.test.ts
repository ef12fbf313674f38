import { test, expect } from '@playwright/test';
import { diagnose, differenceFrom, likelyCause } from '../src/diagnosis/diagnose';
import { cookieFromPageError, emptySignals, push, requestKey, scriptLocation, type Signals } from '../src/diagnosis/signals';
import { buildMatrix, type TestRecord } from '../src/matrix/build';
import { renderConsole, renderMarkdown } from '../src/matrix/render-text';
import { renderHtml } from '../src/matrix/render-html';
import { historyEntry } from '../src/matrix/history';

const signals = (engine: string, fill: (s: Signals) => void = () => undefined): Signals => {
  const s = emptySignals(engine);
  fill(s);
  return s;
};

test('every rule names its signal; the most telling one wins; nothing recorded says so', () => {
  const cookie = signals('chromium', (s) => {
    s.cookies.push({ name: 'checkout_session', origin: '127.0.0.1:47104', operation: 'set', reasons: ['UserPreferences'], crossSiteFrame: true });
    s.pageErrors.push({ message: 'TypeError: x is undefined' });
  });
  expect(likelyCause(cookie, undefined, false)).toEqual({ basis: 'refused-cookie', likelyCause: 'the browser refused cookie `checkout_session` set by 127.0.0.1:47104 inside a cross-site frame (third-party cookie blocked: UserPreferences)' });
  const permission = signals('firefox', (s) => s.pageErrors.push({ message: 'NotAllowedError: Clipboard read was blocked' }));
  expect(likelyCause(permission, undefined, false).basis).toBe('permission');
  const script = signals('firefox', (s) => s.pageErrors.push({ message: 'TypeError: can\'t access property "getHighEntropyValues", navigator.userAgentData is undefined', location: 'localhost:47101/monitoring/database:19' }));
  expect(likelyCause(script, undefined, false).likelyCause).toBe('script error before the failure: TypeError: can\'t access property "getHighEntropyValues", navigator.userAgentData is undefined (localhost:47101/monitoring/database:19)');
  const consoleError = signals('firefox', (s) => s.console.push({ type: 'error', text: 'media connection failed', location: 'localhost:47103/meet/1:40' }));
  expect(likelyCause(consoleError, undefined, false).basis).toBe('console-error');
  const request = signals('chromium', (s) => s.failedRequests.push({ method: 'POST', url: '127.0.0.1:47104/checkout/pay', status: 400, crossSiteFrame: true }));
  expect(likelyCause(request, undefined, false).likelyCause).toBe('a request failed: POST 127.0.0.1:47104/checkout/pay (in a cross-site frame) → HTTP 400');
  expect(likelyCause(signals('firefox'), 'Test timeout of 45000ms exceeded.', true).basis).toBe('slowness');
  expect(likelyCause(signals('firefox'), 'expect(locator).toBeVisible() failed', false)).toMatchObject({ basis: 'none', likelyCause: expect.stringContaining('reported nothing unusual') });
  expect(likelyCause(undefined, 'x', false).likelyCause).toBe('no signals were recorded; Playwright said: x');
  // Firefox's cookie messages are cookies, not script errors.
  expect(cookieFromPageError('Cookie “lab_tenant” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.'))
    .toEqual({ name: 'lab_tenant', origin: '', operation: 'set', reasons: ['it is in a cross-site context and its “SameSite” is “Lax” or “Strict”'], crossSiteFrame: true });
  expect(cookieFromPageError('TypeError: x is undefined')).toBeUndefined();
});

test('what the passing browser did differently: one-sided requests, different answers, one-sided errors and cookies', () => {
  const failing = signals('chromium', (s) => {
    s.requests.push({ method: 'GET', url: 'portal/invoice', status: 200 }, { method: 'POST', url: 'pay/checkout/pay', status: 400 });
    s.cookies.push({ name: 'pp_checkout', origin: 'pay', operation: 'set', reasons: ['UserPreferences'], crossSiteFrame: true });
    s.pageErrors.push({ message: 'TypeError: boom' });
  });
  const passing = signals('firefox', (s) => s.requests.push({ method: 'GET', url: 'portal/invoice', status: 200 }, { method: 'POST', url: 'pay/checkout/pay', status: 200 }, { method: 'POST', url: 'portal/api/payments', status: 200 }));
  expect(differenceFrom(failing, passing, 'chromium', 'firefox')).toEqual([
    'the same request answered differently: POST pay/checkout/pay → HTTP 400 in chromium, HTTP 200 in firefox',
    'requests made only in firefox: POST portal/api/payments',
    'errors only in chromium: TypeError: boom',
    'cookies refused only in chromium: pp_checkout (pay)',
  ]);
  expect(diagnose({ signals: failing, timedOut: false, browser: 'chromium', passing: { browser: 'firefox', signals: failing } }).difference!.lines)
    .toEqual(['no difference in requests, errors or cookies from firefox was recorded']);
});

test('signals stay bounded and carry no query string; script locations from both engines\' stacks', () => {
  const s = emptySignals('chromium');
  for (let i = 0; i < 100; i++) push(s, s.console, { type: 'error', text: `e${i}` });
  expect(s.console).toHaveLength(40);
  expect(s.dropped).toBe(60);
  expect(requestKey('https://portal.example/api/x?session=SECRET#frag')).toBe('portal.example/api/x');
  expect(scriptLocation('TypeError: x\n    at clientContext (http://localhost:47101/monitoring/database?x=1:19:38)')).toBe('localhost:47101/monitoring/database:19');
  expect(scriptLocation('clientContext@http://localhost:47101/static/widget.js:19:38\n')).toBe('localhost:47101/static/widget.js:19');
});

test('the matrix carries a diagnosis for failing and flaky cells only, shows it everywhere, and ties flips to browser builds', () => {
  const failing = signals('chromium', (s) => s.failedRequests.push({ method: 'POST', url: 'pay/checkout/pay', status: 400, crossSiteFrame: true }));
  const rec = (browser: string, outcome: TestRecord['outcome'], extra: Partial<TestRecord> = {}): TestRecord =>
    ({ portal: 'm365', task: 'pay', title: 'pay', browser, outcome, durationMs: 1, attempts: 1, ...extra });
  const browsers = (chromium: string) => [{ id: 'chromium', name: 'Chromium', version: chromium, installed: true }, { id: 'firefox', name: 'Firefox ESR', version: '153.7.0esr', installed: true }];
  const run = (records: TestRecord[], chromium: string, history = [] as ReturnType<typeof historyEntry>[]) =>
    buildMatrix({ records, browsers: browsers(chromium), tasks: [], knownIssues: [], preference: [], history, run: { startedAt: 'a', finishedAt: 'b', target: {} } });
  const yesterday = run([rec('chromium', 'expected', { signals: signals('chromium') }), rec('firefox', 'expected', { signals: signals('firefox') })], '155.0.7');
  const history = [historyEntry(yesterday.rows, 'y', { browsers: yesterday.browsers })];
  const m = run([rec('chromium', 'unexpected', { signals: failing, step: 'Pay with the card', error: 'Payment failed' }), rec('firefox', 'expected', { signals: signals('firefox') })], '156.0.8', history);
  const row = m.rows[0]!;
  expect(row.cells.chromium!.diagnosis).toMatchObject({ step: 'Pay with the card', basis: 'failed-request', difference: { comparedWith: 'firefox' } });
  expect(row.cells.firefox!.diagnosis).toBeUndefined();
  expect(m.changes).toEqual([{ portal: 'm365', task: 'pay', browser: 'chromium', from: 'passed', to: 'failed', fromBuild: '155.0.7', toBuild: '156.0.8' }]);
  const text = renderConsole(m);
  expect(text).toContain('Likely causes:\n  m365/pay in chromium — at "Pay with the card": a request failed: POST pay/checkout/pay (in a cross-site frame) → HTTP 400');
  expect(text).toContain('newly broken in Chromium since 155.0.7 → 156.0.8');
  expect(renderMarkdown(m)).toContain('## Why it failed');
  expect(renderHtml(m)).toContain('<div class="cause"><span class="step">at “Pay with the card”</span> a request failed');
  // Same builds as last time: the portal is the suspect.
  const same = run([rec('chromium', 'unexpected', { signals: failing }), rec('firefox', 'expected')], '155.0.7', history);
  expect(renderConsole(same)).toContain('nothing changed in the browsers: suspect the portal');
});
