import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { ROOT } from './helpers';

/*
 * The README's commands must work on a desk that has Node and nothing else: no bash (Windows), no apt-get, no
 * openssl. Here (Linux) that is proven with a PATH holding only node, npm and the browsers.
 */
const POSIX_ONLY = /(^|[\s;&|(])(bash|sh|apt-get|openssl)(?=$|[\s;&|)])/;

test('no npm script names bash, sh, apt-get or openssl', () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(Object.entries(scripts).filter(([, command]) => POSIX_ONLY.test(command))).toEqual([]);
  expect(scripts.setup).toBe('node scripts/setup.mjs');
});

test.describe('with bash absent from the PATH', () => {
  test.skip(process.platform === 'win32', 'Windows has no bash to remove; the cross-OS workflow runs there');
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-nobash-'));
  const link = (name: string, target: string | undefined) => target && fs.existsSync(target) && fs.symlinkSync(target, path.join(bin, name));
  link('node', process.execPath);
  const npmCli = process.env.npm_execpath && /npm-cli\.c?js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : path.join(path.dirname(fs.realpathSync(process.execPath)), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  link('npm', npmCli);
  for (const browser of ['chromium', 'firefox-esr']) link(browser, path.join('/usr/bin', browser));
  // npm itself runs each script line through a shell (cmd.exe on Windows, `sh` on POSIX): that is npm's, not
  // ours, so it is named absolutely here — nothing of portal-matrix may need one on the PATH.
  const env = { ...process.env, PATH: bin, PORTAL_MATRIX_CATALOG: '', PORTAL_MATRIX_QUIET: '', npm_execpath: '', npm_config_script_shell: '/bin/sh' };
  const npm = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync(path.join(bin, 'npm'), args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...env, ...extra } });

  test('the PATH really holds no shell and no apt-get', () => {
    expect(fs.readdirSync(bin).sort()).toEqual(expect.arrayContaining(['node', 'npm']));
    for (const tool of ['bash', 'sh', 'apt-get', 'openssl']) expect(fs.existsSync(path.join(bin, tool))).toBe(false);
  });

  test('npm run setup works, and starts no bash, sh, apt-get or openssl', () => {
    const trace = path.join(bin, 'setup-trace.txt');
    const result = npm(['run', 'setup'], { SETUP_TRACE: trace });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/setup: chromium: Chromium \d+/);
    const started = fs.readFileSync(trace, 'utf8').trim().split('\n').map((l) => path.basename(l.split(' ')[0]!));
    expect(started.length).toBeGreaterThan(0);
    expect(started.filter((program) => POSIX_ONLY.test(program))).toEqual([]);
  });

  test('npm run matrix -- --list and the browser catalog work', () => {
    const list = npm(['run', 'matrix', '--', '--list']);
    expect(list.status, `${list.stdout}\n${list.stderr}`).toBe(0);
    expect(list.stdout).toContain('[chromium] › pcd/');
    expect(list.stdout).toContain('[firefox] › pcd/');
    const catalog = spawnSync(path.join(bin, 'node'), ['--import', 'tsx', '-e', "const c = require('./src/browsers/catalog'); console.log(JSON.stringify(c.resolveBrowsers(['chromium', 'firefox']).map((b) => b.installed)))"], { cwd: ROOT, encoding: 'utf8', env });
    expect(catalog.stdout.trim(), catalog.stderr).toBe('[true,true]');
  });
});

test('the automatic setup check is a no-op when nothing changed: it starts no program at all', () => {
  const trace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-setup-')), 'trace.txt');
  const setup = (env: Record<string, string>) => spawnSync(process.execPath, ['scripts/setup.mjs', '--quiet'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SETUP_TRACE: trace, ...env } });
  // Without its record of the last complete setup, the check does the full round (browsers looked up again).
  fs.rmSync(path.join(ROOT, 'node_modules', '.cache', 'portal-matrix', 'setup-done.json'), { force: true });
  expect(setup({}).status).toBe(0);
  const full = fs.readFileSync(trace, 'utf8');
  expect(full).toContain('setup-browsers.ts');
  expect(setup({}).status).toBe(0);
  expect(fs.readFileSync(trace, 'utf8'), 'the second check started something').toBe(full);
});
