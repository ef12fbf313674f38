import http from 'node:http';
import { test, expect, chromium } from '@playwright/test';
import { normalizePath, endpointOf, isIdentifier, sameEndpoint } from '../src/diagnosis/endpoints';
import { classifyPlaywrightError } from '../src/diagnosis/playwright-error';
import { differenceFrom, likelyCause } from '../src/diagnosis/diagnose';
import { emptySignals, type RequestSignal, type Signals } from '../src/diagnosis/signals';
import { SignalRecorder } from '../src/diagnosis/record';
import { SecretScrubber } from '../src/secrets/scrub';
import { buildMatrix, type TestRecord } from '../src/matrix/build';
import { renderConsole } from '../src/matrix/render-text';
import { resolveBrowser } from '../src/browsers/catalog';

const withRequests = (engine: string, requests: RequestSignal[]): Signals => ({ ...emptySignals(engine), requests, failedRequests: requests.filter((r) => (r.status ?? 0) >= 400) });

test('paths: ids, GUIDs, tokens and numbers become :id; words never merge', () => {
  expect(normalizePath('/api/discoveries/TK1dVI9n')).toBe('/api/discoveries/:id');
  expect(normalizePath('/api/discoveries/YWACot5h/resume')).toBe('/api/discoveries/:id/resume');
  expect(normalizePath('/tenants/3f2504e0-4f89-11d3-9a0c-0305e82c3301/invoices/12345')).toBe('/tenants/:id/invoices/:id');
  expect(normalizePath('/objects/5f1d7a0c9e2b4a3d8c6f')).toBe('/objects/:id');
  expect(normalizePath('/s/eyJhbGciOiJIUzI1NiJ9abcdefghijklmnop/x')).toBe('/s/:id/x');
  // Mixed segments keep their words: only the identifier part changes between requests.
  expect(normalizePath('/billing/invoice-G012345678.pdf')).toBe('/billing/invoice-:id.pdf');
  expect(normalizePath('/ccmadmin/phoneEdit.do')).toBe('/ccmadmin/phoneEdit.do');
  expect(normalizePath('/api/x?session=abc123def456#frag')).toBe('/api/x');
  // Two different real endpoints are never one.
  for (const [a, b] of [['/api/users', '/api/groups'], ['/api/v1/status', '/api/v2/status'], ['/monitoring/database', '/monitoring/tasks'], ['/inventory/esxi-hosts', '/inventory/clusters']] as const) {
    expect(normalizePath(a)).not.toBe(normalizePath(b));
  }
  for (const word of ['database-status', 'api', 'v1', 'ESXi', 'phoneEdit', 'login', 'page2']) expect(isIdentifier(word), word).toBe(false);
  expect(endpointOf('localhost:47101/api/discoveries/TK1dVI9n')).toBe('localhost:47101/api/discoveries/:id');
  // Ids without a digit: mixed case that is no camelCase word is an id; a token with separators is matched pairwise.
  expect(normalizePath('/api/discoveries/YWACotxh')).toBe('/api/discoveries/:id');
  expect(normalizePath('/api/discoveries/TH-UawW_')).toBe('/api/discoveries/:id');
  // Random ids whose parts happen to look like words (seen in a CI run): separators never join camelCase or mixed-case words.
  for (const id of ['waBsi-iz-Dsc', 'Qrs_tuv-wxyz', 'abc_defGhij']) expect(isIdentifier(id), id).toBe(true);
  for (const word of ['phoneEdit', 'getUserList', 'Discover', 'ESXi-Hosts', 'Billing_Accounts', 'API-Keys', 'ESXi-Hosts', 'user-accounts', 'ACCESS_LOGS']) expect(isIdentifier(word), word).toBe(false);
  expect(sameEndpoint('h/api/discoveries/a-Bc_dEf', 'h/api/discoveries/Qx_rT-mn')).toBe(true);
  expect(sameEndpoint('h/api/users/list', 'h/api/groups/list')).toBe(false);
  expect(sameEndpoint('h/api/getUserList', 'h/api/getRoleList')).toBe(false);
});

test('the same request with other ids is one request answered differently, with the header names that differed', () => {
  const chromiumHeaders = ['accept', 'host', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-fetch-mode', 'user-agent'];
  const firefoxHeaders = ['accept', 'host', 'sec-fetch-mode', 'user-agent'];
  const firefox = withRequests('firefox', [
    { method: 'GET', url: 'pcd/inventory/clusters/discover/TK1dVI9n', status: 200, headers: firefoxHeaders },
    { method: 'GET', url: 'pcd/api/discoveries/TK1dVI9n', status: 403, headers: firefoxHeaders, answer: '{"error":"Unsupported client"}' },
  ]);
  const chromium = withRequests('chromium', [
    { method: 'GET', url: 'pcd/inventory/clusters/discover/YWACot5h', status: 200, headers: chromiumHeaders },
    { method: 'GET', url: 'pcd/api/discoveries/YWACot5h', status: 200, headers: chromiumHeaders },
    { method: 'POST', url: 'pcd/api/discoveries/YWACot5h/resume', status: 200, headers: chromiumHeaders },
  ]);
  expect(differenceFrom(firefox, chromium, 'firefox', 'chromium')).toEqual([
    'the same request answered differently: GET pcd/api/discoveries/:id → HTTP 403 in firefox, HTTP 200 in chromium (firefox\'s answer: {"error":"Unsupported client"})',
    'request headers that differed (GET pcd/api/discoveries/:id): sent only by chromium: sec-ch-ua, sec-ch-ua-mobile, sec-ch-ua-platform',
    'requests made only in chromium: POST pcd/api/discoveries/:id/resume',
  ]);
  // The likely cause names the endpoint, the status and what the server said.
  expect(likelyCause(firefox, undefined, false)).toEqual({ basis: 'failed-request', likelyCause: 'a request failed: GET pcd/api/discoveries/:id → HTTP 403 — the server said: {"error":"Unsupported client"}' });
  // An id no rule recognises alone (word-shaped, camelCase): the passing browser's request to the same endpoint shows it.
  const wordShaped = withRequests('firefox', [{ method: 'GET', url: 'pcd/api/discoveries/waBsiizDsc', status: 403, headers: firefoxHeaders }]);
  expect(likelyCause(wordShaped, undefined, false).likelyCause).toBe('a request failed: GET pcd/api/discoveries/waBsiizDsc → HTTP 403');
  expect(likelyCause(wordShaped, undefined, false, chromium).likelyCause).toBe('a request failed: GET pcd/api/discoveries/:id → HTTP 403');
  const otherEndpoint = withRequests('chromium', [{ method: 'GET', url: 'pcd/api/clusters/list', status: 200 }]);
  expect(likelyCause(wordShaped, undefined, false, otherEndpoint).likelyCause).toBe('a request failed: GET pcd/api/discoveries/waBsiizDsc → HTTP 403');
});

test('Playwright\'s own errors in plain words when the signals are silent', () => {
  const cases: [string, string, RegExp][] = [
    ['covered', "locator.click: Timeout 10000ms exceeded.\nCall log:\n  - waiting for getByRole('button', { name: 'Save' })\n    - locator resolved to <button id=\"save\">Save</button>\n  - attempting click action\n    - <nav aria-label=\"Main\" class=\"menu\">…</nav> intercepts pointer events\n  - retrying click action",
      /^getByRole\('button', \{ name: 'Save' \}\) was covered by <nav> "Main", which took the click$/],
    ['hidden', "locator.click: Timeout 10000ms exceeded.\nCall log:\n  - waiting for getByLabel('Device Name')\n    - locator resolved to <input id=\"name\"/>\n  - attempting click action\n    - element is not visible", /^getByLabel\('Device Name'\) was there but hidden$/],
    ['disabled', "locator.click: Timeout 10000ms exceeded.\nCall log:\n  - waiting for getByRole('button', { name: 'Finish' })\n    - element is not enabled", /^getByRole\('button', \{ name: 'Finish' \}\) was there but disabled$/],
    ['outside-viewport', "locator.click: Element is outside of the viewport\nCall log:\n  - waiting for getByRole('link', { name: 'Next' })", /outside the viewport/],
    ['never-appeared', "Error: expect(locator).toBeVisible() failed\n\nLocator: getByText('Payment received')\nExpected: visible\nTimeout: 8000ms\nError: element(s) not found", /^getByText\('Payment received'\) never appeared$/],
    ['navigation', 'page.goto: net::ERR_CONNECTION_REFUSED at https://cucm.example.com/ccmadmin?x=1\nCall log:', /^the page did not load: net::ERR_CONNECTION_REFUSED at https:\/\/cucm\.example\.com\/ccmadmin \(/],
    ['navigation', 'page.goto: NS_ERROR_CONNECTION_REFUSED', /NS_ERROR_CONNECTION_REFUSED/],
    ['download', 'page.waitForEvent: Timeout 15000ms exceeded while waiting for event "download"', /^the download never started$/],
    ['popup', 'page.waitForEvent: Timeout 15000ms exceeded while waiting for event "popup"', /^the popup window never opened/],
    ['strict', "locator.click: Error: strict mode violation: getByRole('button', { name: 'Save' }) resolved to 2 elements:", /matched 2 elements/],
  ];
  for (const [kind, error, words] of cases) {
    const found = classifyPlaywrightError(error);
    expect(found?.kind, error).toBe(kind);
    expect(found!.text).toMatch(words);
  }
  expect(classifyPlaywrightError('Error: expect(received).toBe(expected)')).toBeUndefined();
  // With silent signals the diagnosis uses it; a locator that never appeared within a timeout is still "slowness", named.
  const silent = emptySignals('firefox');
  expect(likelyCause(silent, cases[0]![1], false)).toMatchObject({ basis: 'playwright-error', likelyCause: expect.stringContaining('covered by <nav> "Main"') });
  expect(likelyCause(silent, "locator.waitFor: Timeout 15000ms exceeded.\nCall log:\n  - waiting for getByRole('status')", false)).toEqual({
    basis: 'slowness', likelyCause: "timed out (getByRole('status') never appeared) with no page error, console error, failed request or refused cookie: more likely slowness than a break",
  });
});

test('without recorded signals the matrix says so once, and each cell still gets Playwright\'s words', () => {
  const rec = (task: string, browser: string, outcome: TestRecord['outcome'], error?: string): TestRecord => ({ portal: 'suite', task, title: task, browser, outcome, durationMs: 1, attempts: 1, error });
  const records = Array.from({ length: 6 }, (_, i) => [rec(`t${i}`, 'chromium', 'unexpected', i % 2 ? 'page.goto: net::ERR_NAME_NOT_RESOLVED at https://x.example/' : 'Error: expect(received).toBe(expected)'), rec(`t${i}`, 'firefox', 'expected')]).flat();
  const m = buildMatrix({ records, browsers: [{ id: 'chromium', name: 'Chromium', installed: true }, { id: 'firefox', name: 'Firefox', installed: true }], tasks: [], knownIssues: [], preference: [], history: [], run: { startedAt: 'a', finishedAt: 'b', target: {} } });
  expect(m.notes).toEqual([expect.stringMatching(/^6 failing test results came without browser signals .* the signals fixture/)]);
  const text = renderConsole(m);
  expect(text.match(/without browser signals/g)).toHaveLength(1);
  expect(text).not.toContain('signals off, or a project without');
  expect(text).toContain('the page did not load: net::ERR_NAME_NOT_RESOLVED');
});

test('a failed request\'s answer: only its start, scrubbed, never from an answer that sets cookies', async () => {
  const CANARY = 'Canary-7f3e-SECRET';
  const server = http.createServer((req, res) => {
    if (req.url === '/') return void res.end('<script>fetch("/api/a/1"); fetch("/api/b/2"); fetch("/api/c/3");</script>');
    if (req.url === '/api/a/1') return void res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `Unsupported client; token ${CANARY}`, detail: 'x'.repeat(2000) }));
    if (req.url === '/api/b/2') return void res.writeHead(401, { 'content-type': 'text/plain', 'set-cookie': 'sid=abcdef123456' }).end('session sid=abcdef123456 expired');
    res.writeHead(500, { 'content-type': 'image/png' }).end('binary');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch(resolveBrowser('chromium').launchOptions);
  try {
    const context = await browser.newContext();
    const recorder = new SignalRecorder(context, 'chromium', new SecretScrubber([CANARY]));
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    await expect.poll(() => recorder.signals.failedRequests.length).toBe(3);
    await recorder.settle();
    const byPath = (p: string) => recorder.signals.failedRequests.find((r) => r.url.endsWith(p))!;
    expect(byPath('/api/a/1').answer!.length).toBeLessThanOrEqual(300);
    expect(byPath('/api/a/1').answer).toMatch(/^\{"error":"Unsupported client; token ••••••••"/);
    expect(JSON.stringify(recorder.signals)).not.toContain(CANARY);
    expect(byPath('/api/b/2').answer).toBeUndefined();
    expect(byPath('/api/c/3').answer).toBeUndefined();
    // Header names, never values.
    expect(byPath('/api/a/1').headers).toEqual(expect.arrayContaining(['sec-ch-ua', 'user-agent']));
    expect(JSON.stringify(byPath('/api/a/1').headers)).not.toContain('Mozilla');
  } finally {
    await browser.close();
    server.close();
  }
});

test('a dialog nobody answered is recorded and dismissed as Playwright would; one the test answers stays the test\'s', async () => {
  const browser = await chromium.launch(resolveBrowser('chromium').launchOptions);
  try {
    const context = await browser.newContext();
    const recorder = new SignalRecorder(context, 'chromium', new SecretScrubber([]));
    const page = await context.newPage();
    // Nobody listens: dismissed, so confirm() returns false — exactly what happens without the recorder.
    expect(await page.evaluate(() => confirm('Delete phone SEP001122334455?'))).toBe(false);
    expect(recorder.signals.dialogs).toEqual([{ type: 'confirm', message: 'Delete phone SEP001122334455?', answered: false }]);
    expect(likelyCause(recorder.signals, 'locator.click: Timeout 10000ms exceeded.', true)).toEqual({
      basis: 'playwright-error', likelyCause: 'the page opened a confirm dialog nobody answered ("Delete phone SEP001122334455?"); it was dismissed automatically',
    });
    // The test answers it: accepted by the test, not touched by the recorder.
    page.once('dialog', (d) => void d.accept());
    expect(await page.evaluate(() => confirm('Save?'))).toBe(true);
    expect(recorder.signals.dialogs!.at(-1)).toEqual({ type: 'confirm', message: 'Save?', answered: true });
  } finally {
    await browser.close();
  }
});
