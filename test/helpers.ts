import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import { expect } from '@playwright/test';
import type { Matrix } from '../src/matrix/model';
import { PLAYWRIGHT_CLI } from '../src/processes/children';

export const ROOT = path.resolve(__dirname, '..');

export interface ChildRun { status: number | null; output: string; matrix?: Matrix; reportsDir: string }

// Below Linux's ephemeral range (32768–60999; Windows and macOS start at 49152): a port the system handed to
// some outgoing connection cannot collide with a lab of a child run. Fixed blocks of single tests are 25200+.
let portBase = 24100;

/** Environment for a child run of the real suite: its own ports, reports folder and sign-in states. */
export function childEnv(name: string, reportsDir: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = (portBase += 10);
  return {
    ...process.env,
    CI: '',
    PORTAL_MATRIX_CATALOG: '',
    REPORTS_DIR: reportsDir,
    PORTAL_MATRIX_AUTH_DIR: path.join(os.tmpdir(), 'portal-matrix-self-test', name, 'auth'),
    LAB_PCD_PORT: String(base), LAB_M365_PORT: String(base + 1), LAB_WEBEX_PORT: String(base + 2), LAB_PAYMENTS_PORT: String(base + 3), LAB_CUCM_PORT: String(base + 4),
    BROWSERS: 'chromium,firefox,webkit',
    MATRIX_HISTORY: path.join(reportsDir, 'history', 'matrix-history.jsonl'),
    ...env,
  };
}

/** Runs the real suite in a child Playwright process and reads the matrix it wrote. */
export function runSuite(name: string, env: Record<string, string>, args: string[] = []): ChildRun {
  const reportsDir = path.join(ROOT, 'reports', 'self-test-runs', name);
  fs.rmSync(reportsDir, { recursive: true, force: true });
  // Playwright's CLI itself (no npx layer): a timeout then stops the runner, which ends its workers and lab.
  const result = spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 600_000, env: childEnv(name, reportsDir, env) });
  const matrixFile = path.join(reportsDir, 'matrix.json');
  return {
    status: result.status,
    output: `${result.stdout}\n${result.stderr}`,
    matrix: fs.existsSync(matrixFile) ? (JSON.parse(fs.readFileSync(matrixFile, 'utf8')) as Matrix) : undefined,
    reportsDir,
  };
}

/** The same as runSuite, without blocking: for child runs that may overlap (each has its own lab ports). */
export function runSuiteAsync(name: string, env: Record<string, string>, args: string[] = []): Promise<ChildRun> {
  const reportsDir = path.join(ROOT, 'reports', 'self-test-runs', name);
  fs.rmSync(reportsDir, { recursive: true, force: true });
  const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], { cwd: ROOT, env: childEnv(name, reportsDir, env) });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('exit', (status) => {
    const matrixFile = path.join(reportsDir, 'matrix.json');
    resolve({ status, output, reportsDir, matrix: fs.existsSync(matrixFile) ? (JSON.parse(fs.readFileSync(matrixFile, 'utf8')) as Matrix) : undefined });
  }));
}

/** The reports of an earlier child run in this checkout, if any (lets one e2e test be re-run alone). */
export function previousRun(name: string): ChildRun | undefined {
  const reportsDir = path.join(ROOT, 'reports', 'self-test-runs', name);
  const file = path.join(reportsDir, 'matrix.json');
  return fs.existsSync(file) ? { status: null, output: '', matrix: JSON.parse(fs.readFileSync(file, 'utf8')) as Matrix, reportsDir } : undefined;
}

/**
 * A webhook receiver on loopback in its own process (child runs block this one): answers 200, or as `mode`
 * says, and records every POST (path and body) for the test to read.
 */
export async function startReceiver(mode: 'ok' | 'fail' | 'slow' = 'ok'): Promise<{ url: string; received: () => { path: string; body: string }[]; stop: () => void }> {
  const log = path.join(os.tmpdir(), `pm-receiver-${process.pid}-${Date.now()}.jsonl`);
  const code = `const fs = require('fs');
require('http').createServer((req, res) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => {
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ path: req.url, body: b }) + '\\n');
  if (${JSON.stringify(mode)} === 'slow') return;
  res.writeHead(${JSON.stringify(mode)} === 'fail' ? 500 : 200).end(${JSON.stringify(mode)} === 'fail' ? 'internal trouble' : '1');
}); }).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port)); });`;
  const child = spawn(process.execPath, ['-e', code]);
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return {
    url: `http://127.0.0.1:${port}/`,
    received: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { path: string; body: string }) : []),
    stop: () => child.kill(),
  };
}

/**
 * How to run npm from a test on any system: through the npm that runs `npm test` (npm_execpath), else the one
 * on the PATH (npm.cmd on Windows is a batch file, which spawn cannot start without a shell).
 */
export function npmCommand(args: string[]): { file: string; args: string[] } {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return { file: process.execPath, args: [npmCli, ...args] };
  return { file: process.platform === 'win32' ? 'npm.cmd' : 'npm', args };
}

/** Every file under dir, with zip archives (traces) opened, as text. */
export function* filesWithText(dir: string): Generator<[string, string]> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    yield [file, bytes.toString('latin1')];
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      for (const [inner, data] of Object.entries(unzipSync(bytes))) yield [`${file}!${inner}`, Buffer.from(data).toString('latin1')];
    }
  }
}

/** Files under a reports folder (zip archives such as traces opened) that contain any of these secrets. */
export function secretsIn(reportsDir: string, secrets: string[]): { leaks: string[]; scanned: number } {
  const leaks: string[] = [];
  let scanned = 0;
  for (const [file, text] of filesWithText(reportsDir)) {
    scanned++;
    for (const secret of secrets) if (text.includes(secret)) leaks.push(`${file}: ${secret.slice(0, 4)}…`);
  }
  return { leaks, scanned };
}

/** Trace archives a run kept under its reports folder. */
export const traces = (dir: string): string[] => {
  const results = path.join(dir, 'test-results');
  return fs.existsSync(results) ? fs.readdirSync(results, { recursive: true }).map(String).filter((f) => f.endsWith('trace.zip')) : [];
};

/** A copy of this checkout (tracked and new files, nothing ignored) as its own git repository, sharing node_modules. */
export function scratchCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-new-portal-'));
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'copy');
  return dir;
}

/**
 * A plug-in's folders in a scratch checkout, type-checked (with the checkout's tsconfig) and linted as the
 * project does it: Node runs the checkout's own tsc and ESLint, and each must exit 0.
 */
export function expectPluginCompilesAndLints(repo: string, portal: string): void {
  const dirs = [`pages/${portal}`, `specs/${portal}`];
  fs.writeFileSync(path.join(repo, `tsconfig.${portal}.json`), JSON.stringify({ extends: './tsconfig.json', include: dirs }));
  const tsc = spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', `tsconfig.${portal}.json`], { cwd: repo, encoding: 'utf8' });
  expect(tsc.status, tsc.stdout).toBe(0);
  const lint = spawnSync(process.execPath, [path.join(repo, 'node_modules/eslint/bin/eslint.js'), ...dirs], { cwd: repo, encoding: 'utf8' });
  expect(lint.status, lint.stdout).toBe(0);
}
