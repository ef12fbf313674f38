import https from 'node:https';
import { test, expect } from '@playwright/test';
import { loadSettings } from '../src/portals/settings';
import { startLab, type RunningLab } from '../lab/server';
import { meetingNumberFrom } from '../lab/webex/app';
import { ACCOUNT_WITHOUT_MFA, MESSAGES } from '../lab/m365/sign-in';
import { escapeHtml } from '../lab/shared/html';
import { totpCode } from '../src/auth/totp';

const env = { LAB_PCD_PORT: '25201', LAB_M365_PORT: '25202', LAB_WEBEX_PORT: '25203', LAB_PAYMENTS_PORT: '25204', LAB_CUCM_PORT: '25205' };
const PAYMENTS_URL = 'http://127.0.0.1:25204/';
type LabUrls = Record<'pcd' | 'm365' | 'webex' | 'cucm', string>;
const urls = () => lab.urls as LabUrls;
const settings = loadSettings(env);
let lab: RunningLab;
// One lab for the whole file: its tests share one worker.
test.describe.configure({ mode: 'default' });

test.beforeAll(async () => {
  lab = await startLab(settings);
});

test.afterAll(async () => {
  await lab.close();
});

/** GET/POST over HTTPS trusting only `ca` (Node's fetch cannot be given a CA): the lab's self-signed replicas. */
function httpsRequest(url: URL, init: { method: string; headers: Record<string, string>; body?: string }, ca: string) {
  return new Promise<{ status: number; location: string | null; setCookies: string[]; text: string }>((resolve, reject) => {
    const req = https.request(url, { method: init.method, headers: init.headers, ca }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, setCookies: res.headers['set-cookie'] ?? [], text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A tiny cookie-keeping client: what a browser would send, without a browser. */
function client(base: string, ca?: string) {
  const jar = new Map<string, string>();
  return async (path: string, init: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...init.headers };
    let body: string | undefined;
    if (init.form) { body = new URLSearchParams(init.form).toString(); headers['content-type'] = 'application/x-www-form-urlencoded'; }
    if (init.json !== undefined) { body = typeof init.json === 'string' ? init.json : JSON.stringify(init.json); headers['content-type'] = 'application/json'; }
    const method = init.method ?? (body ? 'POST' : 'GET');
    const res = ca
      ? await httpsRequest(new URL(path, base), { method, headers, body }, ca)
      : await fetch(new URL(path, base), { method, headers, body, redirect: 'manual' }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), setCookies: r.headers.getSetCookie(), text: await r.text() }));
    for (const c of res.setCookies) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      jar.set(k!, v!);
    }
    return { status: res.status, location: res.location, text: res.text, jar };
  };
}

const pcdCreds = { username: settings.targets.pcd!.username, password: settings.targets.pcd!.password };

test('PCD sign-in: wrong password counts down, the third locks, the right one is then refused', async () => {
  const pcd = client(urls().pcd);
  expect((await pcd('/login', { form: { ...pcdCreds, password: 'nope' } })).text).toContain('2 attempts left');
  await pcd('/login', { form: { ...pcdCreds, password: 'nope' } });
  const third = await pcd('/login', { form: { ...pcdCreds, password: 'nope' } });
  expect(third.status).toBe(401);
  expect(third.text).toContain('locked');
  const right = await pcd('/login', { form: pcdCreds });
  expect(right.status).toBe(423);
  // Another visitor (another tenant) is not locked out by this one.
  expect((await client(urls().pcd)('/login', { form: pcdCreds })).status).toBe(303);
});

test('PCD sign-in then logon message, then the protected pages', async () => {
  const pcd = client(urls().pcd);
  expect((await pcd('/login', { form: pcdCreds })).location).toMatch(/^\/logon-message/);
  expect((await pcd('/')).location).toBe('/logon-message');
  expect((await pcd('/logon-message', { method: 'POST' })).status).toBe(303);
  expect((await pcd('/inventory/clusters')).text).toContain('CUCM-PROD');
});

test('every protected route rejects requests without a valid session', async () => {
  const routes: [string, string, string][] = [
    [urls().pcd, 'GET', '/'], [urls().pcd, 'GET', '/inventory/clusters'], [urls().pcd, 'GET', '/monitoring/database'],
    [urls().pcd, 'GET', '/api/replication?cluster=CUCM-PROD'], [urls().pcd, 'POST', '/task/upgrade'], [urls().pcd, 'POST', '/lab/split-brain'],
    [urls().pcd, 'GET', '/api/tasks/x'], [urls().pcd, 'POST', '/inventory/esxi-hosts/add'],
    [urls().m365, 'GET', '/billing/bills/invoices'], [urls().m365, 'GET', '/billing/invoices/E0600ABCD2/pdf'],
    [urls().m365, 'POST', '/api/invoices/E0600ABCD2/checkout'], [urls().m365, 'POST', '/billing/bills/payment-methods/add'],
    [urls().webex, 'GET', '/api/meetings/25501234567/participant'], [urls().webex, 'POST', '/meet/25501234567/leave'],
  ];
  for (const [base, method, path] of routes) {
    const res = await client(base)(path, { method, headers: { cookie: 'pcd_session=forged; m365_session=forged' } });
    expect([302, 401], `${method} ${path}`).toContain(res.status);
    if (res.status === 302) expect(res.location).toMatch(/^\/login/);
  }
});

test('a session from one portal is not accepted by another', async () => {
  const pcd = client(urls().pcd);
  await pcd('/login', { form: pcdCreds });
  const sid = (await pcd('/logon-message', { method: 'POST' })).jar.get('pcd_session')!;
  const m365 = await client(urls().m365)('/billing/bills/invoices', { headers: { cookie: `m365_session=${sid}; pcd_session=${sid}` } });
  expect(m365.status).toBe(302);
});

test('bad input gets a 4xx with a message, never a 500', async () => {
  const pcd = client(urls().pcd);
  await pcd('/login', { form: pcdCreds });
  await pcd('/logon-message', { method: 'POST' });
  const m365 = client(urls().m365);
  await signInToM365(m365, { code: totpCode(settings.targets.m365!.totpSecret!, { timestamp: Date.now() - 30_000 }) });
  const cases: [ReturnType<typeof client>, string, Parameters<ReturnType<typeof client>>[1]][] = [
    [pcd, '/login', { form: { username: 'x' } }],
    [pcd, '/login', { json: '{broken' }],
    [pcd, '/inventory/clusters/discover', { form: { nickname: 'A', publisher: 'nowhere.example', osUser: 'u', osPassword: 'p' } }],
    [pcd, '/inventory/clusters/discover', { form: { nickname: 'A', publisher: 'cucm-dr-pub.lab.example', osUser: 'u', osPassword: 'has%percent' } }],
    [pcd, '/inventory/clusters/discover', { form: { nickname: 'x'.repeat(500) } }],
    [pcd, '/inventory/esxi-hosts/add', { form: { hostname: 'h', username: 'u', password: 'x'.repeat(40) } }],
    [pcd, '/task/upgrade', { form: { cluster: 'CUCM-PROD', file: 'f' } }],
    [pcd, '/task/upgrade', { form: { cluster: 'nope', nodes: 'a' } }],
    [pcd, '/api/replication?cluster=CUCM-PROD', {}],
    [pcd, '/lab/split-brain', { json: { enabled: 'yes' } }],
    [pcd, '/api/tasks/unknown/start', { method: 'POST' }],
    [m365, '/billing/bills/payment-methods/add', { form: { holder: 'A', number: '4111111111111112', expiry: '12/29', cvc: '123' } }],
    [m365, '/billing/bills/payment-methods/replace', { form: { card: '99' } }],
    [m365, '/billing/bills/payment-methods/replace', { form: { card: '-1' } }],
    [m365, '/api/invoices/E0600ABCD1/checkout', { method: 'POST' }],
    [m365, '/api/invoices/E0600ABCD2/payments', { json: { checkout: 'forged' } }],
    [m365, '/api/invoices/E0600ABCD2/payments', { json: [] }],
    [client(PAYMENTS_URL), '/checkout/start?invoice=X&amount=-5', {}],
    [client(PAYMENTS_URL), '/checkout/pay', { form: { number: 'abc' } }],
    [client(urls().webex), '/meet/25509876543/join', { form: { name: '', email: 'bad' } }],
    [client(urls().webex), '/meet/25509876543/join', { form: { name: 'A', email: 'a@b.example', password: 'wrong' } }],
  ];
  for (const [call, path, init] of cases) {
    const res = await call(path, init);
    expect(res.status, `${path} ${JSON.stringify(init)} → ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(res.status, path).toBeLessThan(500);
    expect(res.text.length, path).toBeGreaterThan(10);
  }
});

test('split brain can be switched on and shows on the replication API', async () => {
  const pcd = client(urls().pcd);
  await pcd('/login', { form: pcdCreds });
  await pcd('/logon-message', { method: 'POST' });
  const api = () => pcd('/api/replication?cluster=CUCM-PROD', { headers: { 'x-client-platform': 'Linux' } });
  expect(JSON.parse((await api()).text).nodes.map((n: { role: string }) => n.role)).toEqual(['Primary', 'Secondary']);
  await pcd('/lab/split-brain', { json: { enabled: true } });
  const split = JSON.parse((await api()).text);
  expect(split.splitBrain).toBe(true);
  expect(split.nodes.map((n: { connection: string }) => n.connection)).toEqual(['connection status unknown', 'connection status unknown']);
});

test('meeting numbers are read from numbers with spaces and from links', () => {
  expect(meetingNumberFrom('2550 123 4567')).toBe('25501234567');
  expect(meetingNumberFrom('https://contoso.webex.com/meet/25501234567')).toBe('25501234567');
  expect(meetingNumberFrom('hello')).toBeUndefined();
});

test('LAB_MODE=down answers 503 while the health probe still answers', async () => {
  const down = await startLab(loadSettings({ ...env, LAB_PCD_PORT: '25211', LAB_M365_PORT: '25212', LAB_WEBEX_PORT: '25213', LAB_PAYMENTS_PORT: '25214', LAB_CUCM_PORT: '25215', LAB_MODE: 'down:webex' }));
  try {
    expect((await fetch((down.urls as LabUrls).webex)).status).toBe(503);
    expect((await fetch(new URL('/lab/health', (down.urls as LabUrls).webex))).status).toBe(200);
    expect((await fetch(new URL('/login', (down.urls as LabUrls).pcd))).status).toBe(200);
  } finally {
    await down.close();
  }
});

/** Microsoft's sign-in screen by screen; stops at the first refusal and returns that answer. */
async function signInToM365(m365: ReturnType<typeof client>, opts: { email?: string; password?: string; code?: string; stay?: 'yes' | 'no' } = {}) {
  const email = await m365('/login', { form: { email: opts.email ?? settings.targets.m365!.username, next: '/' } });
  if (email.status !== 303) return email;
  const password = await m365('/login/password', { form: { password: opts.password ?? settings.targets.m365!.password } });
  if (password.status !== 303) return password;
  if (password.location === '/login/code') {
    const code = await m365('/login/code', { form: { code: opts.code ?? totpCode(settings.targets.m365!.totpSecret!) } });
    if (code.status !== 303) return code;
  }
  return m365('/login/kmsi', { form: { stay: opts.stay ?? 'yes' } });
}

test('Microsoft sign-in: e-mail, password, a real TOTP code, Stay signed in?; wrong, old and reused codes are refused', async () => {
  const secret = settings.targets.m365!.totpSecret!;
  const before = (await (await fetch(new URL('/lab/sign-ins', urls().m365))).json() as { completed: number }).completed;
  const unknown = await signInToM365(client(urls().m365), { email: 'nobody@contoso.example' });
  expect([unknown.status, unknown.text.includes(escapeHtml(MESSAGES.unknownAccount))]).toEqual([400, true]);
  const wrongPassword = await signInToM365(client(urls().m365), { password: 'Wrong-1!' });
  expect([wrongPassword.status, wrongPassword.text.includes('Your account or password is incorrect.')]).toEqual([401, true]);
  const wrongCode = await signInToM365(client(urls().m365), { code: String((Number(totpCode(secret)) + 1) % 1_000_000).padStart(6, '0') });
  expect([wrongCode.status, wrongCode.text.includes(escapeHtml(MESSAGES.wrongCode))]).toEqual([401, true]);
  // 90 s old: outside the one step of tolerance.
  const oldCode = await signInToM365(client(urls().m365), { code: totpCode(secret, { timestamp: Date.now() - 90_000 }) });
  expect(oldCode.text).toContain(escapeHtml(MESSAGES.wrongCode));

  // The next step's code is accepted (one step of tolerance) — and then refused the second time.
  const code = totpCode(secret, { timestamp: Date.now() + 30_000 });
  const yes = client(urls().m365);
  const signedIn = await signInToM365(yes, { code, stay: 'yes' });
  expect([signedIn.status, signedIn.location]).toEqual([303, '/billing/bills/invoices']);
  expect((await yes('/billing/bills/invoices')).text).toContain('Bills &amp; payments');
  const reused = await signInToM365(client(urls().m365), { code });
  expect([reused.status, reused.text.includes(escapeHtml(MESSAGES.usedCode))]).toEqual([401, true]);

  // Without MFA there is no code page; "No" keeps the session to the browser's lifetime.
  const noMfa = client(urls().m365);
  expect((await noMfa('/login', { form: { email: ACCOUNT_WITHOUT_MFA.email } })).location).toBe('/login/password');
  const password = await noMfa('/login/password', { form: { password: ACCOUNT_WITHOUT_MFA.password } });
  expect(password.location).toBe('/login/kmsi');
  const no = await fetch(new URL('/login/kmsi', urls().m365), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...password.jar].map(([k, v]) => `${k}=${v}`).join('; ') }, body: 'stay=no' });
  expect(no.headers.getSetCookie().find((c) => c.startsWith('m365_session='))).not.toMatch(/Max-Age/i);
  // Skipping a screen starts over.
  expect((await client(urls().m365)('/login/kmsi', { form: { stay: 'yes' } })).location).toBe('/login');
  expect((await (await fetch(new URL('/lab/sign-ins', urls().m365))).json() as { completed: number }).completed).toBe(before + 2);

  // The lab can end every session, as a tenant that revokes them.
  await fetch(new URL('/lab/expire-sessions', urls().m365), { method: 'POST' });
  expect((await yes('/billing/bills/invoices')).status).toBe(302);
});

test('Cisco Unified CM over HTTPS: pages need a session, bad input gets a 4xx with the portal\'s words, never a 500', async () => {
  const target = settings.targets.cucm!;
  if (target.tls.mode !== 'ca-file') throw new Error('the lab CUCM target trusts the lab certificate');
  const cucm = () => client(urls().cucm, target.tls.mode === 'ca-file' ? target.tls.pem : undefined);
  const anonymous = cucm();
  for (const route of ['/ccmadmin/showHome.do', '/ccmadmin/phoneFindList.do?q=SEP', '/ccmadmin/userFindList.do', '/cucreports/dbStatus', '/car/export']) {
    const res = await anonymous(route);
    expect([res.status, res.location], route).toEqual([302, `/ccmadmin/showLogin.do?next=${encodeURIComponent(route)}`]);
  }
  expect((await anonymous('/ccmadmin/api/users?q=j')).status).toBe(401);
  expect((await anonymous('/car/api/export?year=2026&month=10', { method: 'POST' })).status).toBe(401);
  const refused = await anonymous('/ccmadmin/j_security_check', { form: { j_username: target.username, j_password: 'nope' } });
  expect([refused.status, refused.text.includes('Login failed. Please check the username and password.')]).toEqual([401, true]);

  const admin = cucm();
  expect((await admin('/ccmadmin/j_security_check', { form: { j_username: target.username, j_password: target.password, next: '/ccmadmin/showHome.do' } })).location).toBe('/ccmadmin/showHome.do');
  const phone = { isNew: 'yes', model: 'Cisco 8845', protocol: 'SIP', deviceName: 'SEP00AABBCC9999', description: 'x', devicePool: 'Default' };
  const cases: [string, Parameters<ReturnType<typeof cucm>>[1], number, string][] = [
    ['/ccmadmin/phoneSave.do', { form: { ...phone, deviceName: 'SEP123' } }, 400, 'Device Name must be SEP followed by the 12 hexadecimal digits'],
    ['/ccmadmin/phoneSave.do', { form: { ...phone, model: 'Cisco 1' } }, 400, 'Select a valid Phone Type.'],
    ['/ccmadmin/phoneSave.do', { form: { ...phone, owner: 'nobody' } }, 400, 'Owner User ID nobody does not exist.'],
    ['/ccmadmin/phoneSave.do', { form: { ...phone, deviceName: 'SEP00AABBCC1001' } }, 400, 'A phone with this name already exists.'],
    ['/ccmadmin/phoneSave.do', { form: { deviceName: 'x' } }, 400, ''],
    ['/ccmadmin/phoneEdit.do?name=SEP000000000000', {}, 404, 'No phone named SEP000000000000.'],
    ['/ccmadmin/phoneEdit.do', {}, 400, ''],
    ['/car/api/export?year=2026&month=13', { method: 'POST' }, 400, ''],
    ['/car/api/export?year=abc&month=1', { method: 'POST' }, 400, ''],
    ['/ccmadmin/j_security_check', { form: { j_username: 'x' } }, 400, ''],
  ];
  for (const [route, init, status, words] of cases) {
    const res = await admin(route, init);
    expect(res.status, `${route} ${JSON.stringify(init)}: ${res.text.slice(0, 200)}`).toBe(status);
    expect(res.text).toContain(words);
  }
  // The lookup's data and the export answer for a signed-in administrator.
  expect(JSON.parse((await admin('/ccmadmin/api/users?q=js')).text)).toEqual([{ userId: 'jsmith', firstName: 'Jane', lastName: 'Smith' }]);
  expect(JSON.parse((await admin('/car/api/export?year=2026&month=10', { method: 'POST' })).text)).toMatchObject({ period: 'October 2026', file: 'cdr_202610.csv' });
});
