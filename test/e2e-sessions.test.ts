import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { ROOT, runSuite, type ChildRun } from './helpers';
import { nodeCommand, startNode, stopTree } from '../src/processes/children';
import { labSessionFile } from '../lab/shared/sessions';

/*
 * Saved sessions across runs, against one lab started by hand (so its sessions outlive a run, as a real
 * portal's do). Each run is Chromium only and one Microsoft 365 task: the point is the sign-in before it.
 */
const PORTS = { LAB_PCD_PORT: '25401', LAB_M365_PORT: '25402', LAB_WEBEX_PORT: '25403', LAB_PAYMENTS_PORT: '25404', LAB_CUCM_PORT: '25405' };
const M365 = `http://localhost:${PORTS.LAB_M365_PORT}/`;
const AUTH = path.join(os.tmpdir(), 'portal-matrix-self-test', 'sessions', 'auth');
const SAVED = path.join(AUTH, 'saved', 'chromium', 'm365.json');

const signIns = async () => ((await (await fetch(new URL('/lab/sign-ins', M365))).json()) as { completed: number }).completed;
const expireSessions = () => fetch(new URL('/lab/expire-sessions', M365), { method: 'POST' });
const run = (name: string, env: Record<string, string> = {}): ChildRun =>
  runSuite(`sessions-${name}`, { ...PORTS, BROWSERS: 'chromium', RETRIES: '0', PORTAL_MATRIX_AUTH_DIR: AUTH, ...env }, ['--grep', '@view-invoice']);
const viewInvoice = (r: ChildRun) => r.matrix!.rows.find((row) => row.task === 'view-invoice')!.cells.chromium!;

test('saved sessions: reused without signing in, imported from elsewhere, renewed after expiry, and a clear instruction when nothing works', async () => {
  test.setTimeout(420_000);
  fs.rmSync(AUTH, { recursive: true, force: true });
  // The lab's sessions are kept between lab runs of a checkout, per port: start from none.
  fs.rmSync(labSessionFile('m365_session', Number(PORTS.LAB_M365_PORT)), { force: true });
  const startLab = async () => {
    const started = startNode('lab/main.ts', [], { cwd: ROOT, env: { ...process.env, ...PORTS }, stdio: 'ignore' });
    await expect.poll(() => fetch(new URL('/lab/health', M365)).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    return started;
  };
  let lab = await startLab();
  try {

    // 1. No saved session: the harness signs in through Microsoft's screens with a TOTP code and saves the session.
    const first = run('first');
    expect(viewInvoice(first).status, first.output.slice(-2000)).toBe('passed');
    // Once, although its two invoices ran in parallel workers; and only the portal the run selected signs in.
    expect(await signIns()).toBe(1);
    expect(first.output.match(/^portal-matrix: chromium: .*signed in.*$/gm)).toEqual([expect.stringMatching(/^portal-matrix: chromium: Microsoft 365 billing: signed in with the credentials/)]);
    expect(fs.statSync(SAVED).mode & 0o777).toBe(0o600);
    const captured = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-state-')), 'm365-session.json');
    fs.copyFileSync(SAVED, captured);

    // 2. A session captured elsewhere, imported — with no credentials at all (SSO / push MFA): used, no sign-in happens.
    fs.rmSync(path.join(AUTH, 'saved'), { recursive: true });
    const imported = spawnSync(...nodeCommand('scripts/sign-in.ts', ['m365', '--browser', 'chromium', '--import', captured]), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...PORTS, PORTAL_MATRIX_AUTH_DIR: AUTH } });
    expect(imported.status, imported.stderr).toBe(0);
    expect(fs.statSync(SAVED).mode & 0o777).toBe(0o600);
    const reused = run('reused', { M365_URL: M365 });
    expect(viewInvoice(reused).status, reused.output.slice(-2000)).toBe('passed');
    expect(reused.output).toMatch(/chromium: Microsoft 365 billing: signed in with the session saved \d{4}-\d\d-\d\d \(imported from m365-session\.json\)/);
    expect(await signIns(), 'no sign-in happened').toBe(1);

    // 3. The portal ended the session: with credentials, the harness signs in again and saves the new session.
    await expireSessions();
    const renewed = run('renewed');
    expect(viewInvoice(renewed).status, renewed.output.slice(-2000)).toBe('passed');
    expect(await signIns()).toBe(2);
    expect(JSON.parse(fs.readFileSync(path.join(AUTH, 'saved', 'chromium', 'm365.info.json'), 'utf8'))).toMatchObject({ how: 'automatic sign-in' });

    // 3b. The lab restarts: like a real portal's, its sessions outlive the process — the next run signs in to nothing.
    await stopTree(lab);
    lab = await startLab();
    const afterRestart = run('after-restart');
    expect(viewInvoice(afterRestart).status, afterRestart.output.slice(-2000)).toBe('passed');
    expect(afterRestart.output).toMatch(/chromium: Microsoft 365 billing: signed in with the session saved \d{4}-\d\d-\d\d \(automatic sign-in\)/);
    expect(await signIns(), 'the restarted lab saw no sign-in').toBe(0);

    // 4. Expired again, and no credentials: broken with what to do — not a task failure, not the browser's fault.
    await expireSessions();
    const stale = run('stale', { M365_URL: M365 });
    const cell = viewInvoice(stale);
    expect(cell).toMatchObject({ status: 'broken', blocked: true });
    expect(cell.reason).toMatch(/^the saved Microsoft 365 billing session is no longer valid \(saved \d{4}-\d\d-\d\d\); run npm run sign-in -- m365$/);
    expect(stale.matrix!.problems).toEqual([{ portal: 'm365', browsers: ['chromium'], reason: cell.reason }]);
    expect(stale.matrix!.rows.find((r) => r.task === 'view-invoice')!.verdict).toBe('could-not-run');

    // 5. A wrong password: Microsoft's own words in the report.
    const refused = run('refused', { M365_PASSWORD: 'Not-the-password-1' });
    expect(viewInvoice(refused).reason).toContain('Microsoft 365 refused the sign-in: Your account or password is incorrect.');
    expect(await signIns(), 'counted since the restart').toBe(0);
  } finally {
    await stopTree(lab);
  }
});
