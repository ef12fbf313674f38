import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { ROOT } from './helpers';

/*
 * One sign-in per portal and browser in a run, whichever worker gets there first: the others wait for it and
 * reuse its session. Shown with separate processes, as Playwright's workers are.
 */
const STATE = path.join(ROOT, 'src', 'auth', 'sign-in-state.ts').replaceAll('\\', '/');

/** A process that holds the lock for chromium/pcd for `holdMs`, logging when it got and left it. */
function holder(auth: string, log: string, holdMs: number) {
  const script = `const { withRunLock } = require('${STATE}');
const fs = require('node:fs');
withRunLock('chromium', 'pcd', async () => {
  fs.appendFileSync(${JSON.stringify(log)}, 'in ' + process.pid + '\\n');
  await new Promise((r) => setTimeout(r, ${holdMs}));
  fs.appendFileSync(${JSON.stringify(log)}, 'out ' + process.pid + '\\n');
});`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...process.env, PORTAL_MATRIX_AUTH_DIR: auth }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`holder exited ${code}: ${stderr}`)))));
}

test('workers sign in one at a time; a lock left by a worker that died is taken over', async () => {
  const auth = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lock-'));
  try {
    const log = path.join(auth, 'log.txt');
    await Promise.all([holder(auth, log, 600), holder(auth, log, 600), holder(auth, log, 600)]);
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    // Never two holders at once: every "in" is followed by the same process's "out".
    for (let i = 0; i < lines.length; i += 2) expect(lines[i + 1]).toBe(lines[i]!.replace('in', 'out'));

    // A worker killed while signing in leaves its lock behind: the next one must not wait for it forever.
    const dead = spawnSync(process.execPath, ['-e', '']);
    const lock = path.join(auth, 'run', 'chromium', 'pcd.json.lock');
    fs.mkdirSync(lock, { recursive: true });
    fs.writeFileSync(path.join(lock, 'pid'), String(dead.pid));
    fs.rmSync(log);
    const started = Date.now();
    await holder(auth, log, 0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fs.readFileSync(log, 'utf8')).toMatch(/^in \d+\nout \d+\n$/);
    expect(fs.existsSync(lock), 'released').toBe(false);
  } finally {
    fs.rmSync(auth, { recursive: true, force: true });
  }
});
