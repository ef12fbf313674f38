import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { loadSettings } from '../src/portals/settings';
import { portalById } from '../src/portals/registry';
import { startReplica } from '../lab/server';
import { ROOT } from './helpers';
import { nodeCommand } from '../src/processes/children';

/* `npm run sign-in`: what it says without a display, a bad import, and its window under a virtual display. */
const PORTS = { LAB_PCD_PORT: '25501', LAB_M365_PORT: '25502', LAB_WEBEX_PORT: '25503', LAB_PAYMENTS_PORT: '25504', LAB_CUCM_PORT: '25505' };
const AUTH = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-sign-in-'));
const env = { ...process.env, ...PORTS, PORTAL_MATRIX_AUTH_DIR: AUTH };
const signIn = (args: string[], extra: Record<string, string> = {}) => spawnSync(...nodeCommand('scripts/sign-in.ts', args), { cwd: ROOT, encoding: 'utf8', env: { ...env, ...extra } });

test('without a display it says how to capture the session elsewhere; bad input is refused with the fix', () => {
  const headless = signIn(['m365', '--browser', 'chromium'], { DISPLAY: '', WAYLAND_DISPLAY: '' });
  expect(headless.status).toBe(2);
  expect(headless.stderr).toContain('No display here (DISPLAY is not set)');
  expect(headless.stderr).toContain('npm run sign-in -- m365 --browser chromium --import <copied file>');
  const notState = path.join(AUTH, 'not-a-state.json');
  fs.writeFileSync(notState, '{"hello": 1}');
  const bad = signIn(['m365', '--import', notState]);
  expect([bad.status, bad.stderr.includes('not a Playwright storage state')]).toEqual([2, true]);
  expect(signIn(['intranet']).stderr).toMatch(/Unknown portal "intranet"\. Portals: cucm, m365, pcd, webex/);
  expect(signIn(['webex']).stderr).toContain('Webex needs no sign-in');
  expect(fs.existsSync(path.join(AUTH, 'saved'))).toBe(false);
});

test('under a virtual display the window opens at the portal, and nothing is saved until the person has signed in', async () => {
  const xvfb = process.platform === 'linux' && (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, 'xvfb-run')));
  test.skip(!xvfb, 'xvfb-run is not installed here (npm run setup installs it where apt-get can)');
  const settings = loadSettings(PORTS);
  const replica = await startReplica(portalById('cucm'), settings);
  try {
    const child = spawn('xvfb-run', ['-a', 'npx', 'tsx', 'scripts/sign-in.ts', 'cucm', '--browser', 'chromium'], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await expect.poll(() => output, { timeout: 45_000 }).toContain('press Enter here to save the session');
    expect(output).toContain(`A Chromium window shows Cisco Unified CM Administration (${settings.targets.cucm!.url})`);
    // The person presses Enter without having signed in.
    child.stdin.write('\n');
    expect(await exited, output).toBe(1);
    expect(output).toContain('Not signed in to Cisco Unified CM Administration yet: nothing saved.');
    expect(fs.existsSync(path.join(AUTH, 'saved'))).toBe(false);
  } finally {
    await replica.close();
  }
});
