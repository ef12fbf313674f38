// Installs what portal-matrix needs on a fresh machine — Windows, macOS or Linux; a second run is a quick no-op.
// Used by `npm run setup` and automatically before `npm run matrix` and `npm test`. Plain Node (no TypeScript,
// no shell): on a fresh clone nothing else is installed yet. Only the Linux fallbacks use apt-get.
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const say = (message) => console.log(`setup: ${message}`);
/** SETUP_TRACE=<file>: every program setup starts is listed there (the tests check which ones). */
const trace = process.env.SETUP_TRACE?.trim();

function run(file, argv, options = {}) {
  if (trace) fs.appendFileSync(trace, `${[file, ...argv].join(' ')}\n`);
  return spawnSync(file, argv, { cwd: root, stdio: 'inherit', windowsHide: true, ...options });
}

/** npm's own CLI, run by this Node: npm.cmd on Windows cannot be started without a shell. */
function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ];
  return candidates.find((c) => c && /npm-cli\.c?js$/.test(c) && fs.existsSync(c));
}

/** Is `name` a program on the PATH (name.exe & co on Windows)? */
function onPath(name) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).some((dir) => exts.some((ext) => fs.existsSync(path.join(dir, name + ext))));
}

/**
 * What a completed setup depends on: Node, the installed packages, the browsers asked for, the setup itself.
 * With the same key and every browser it found still in place, a second run does nothing (no TypeScript start).
 */
const STAMP = path.join(root, 'node_modules', '.cache', 'portal-matrix', 'setup-done.json');
function stampKey() {
  const mtime = (file) => { try { return fs.statSync(path.join(root, file)).mtimeMs; } catch { return 0; } };
  return JSON.stringify([process.version, process.platform, mtime('package-lock.json'), mtime('node_modules/.package-lock.json'), mtime('.env'),
    process.env.BROWSERS ?? '', process.env.PORTAL_MATRIX_ENV ?? '', mtime('scripts/setup.mjs'), mtime('scripts/setup-browsers.ts')]);
}

function upToDate(key) {
  if (process.env.SETUP_FORCE) return false;
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    if (stamp.key !== key || (stamp.retryAt && Date.now() > stamp.retryAt)) return false;
    return stamp.executables.every((e) => fs.existsSync(e.path) && fs.statSync(e.path).mtimeMs === e.mtimeMs);
  } catch {
    return false;
  }
}

function installPackages() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(lock).mtimeMs <= fs.statSync(installed).mtimeMs) return;
  say('installing npm dependencies (npm ci)');
  const cli = npmCli();
  if (!cli) throw new Error('npm was not found next to this Node. Install Node.js 20 or later from nodejs.org (it brings npm), then run npm ci.');
  const result = run(process.execPath, [cli, 'ci', '--no-audit', '--no-fund', '--loglevel=error']);
  if (result.status !== 0) throw new Error(`npm ci failed (exit ${result.status ?? result.signal}).`);
}

/**
 * Linux fallback: a virtual display lets `npm run sign-in` open its window on a machine without one (xvfb-run).
 * Optional; only as root with apt-get; a failure is remembered so later runs stay quick.
 */
function linuxVirtualDisplay() {
  const marker = path.join(root, '.cache', 'setup-no-xvfb');
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !onPath('apt-get') || onPath('xvfb-run') || fs.existsSync(marker)) return;
  say('installing xvfb (a virtual display for npm run sign-in)');
  const quietly = { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  const install = () => run('apt-get', ['install', '-y', '-qq', 'xvfb', 'xauth'], { ...quietly, timeout: 180_000 }).status === 0;
  if (install() || (run('apt-get', ['update', '-qq'], { ...quietly, timeout: 120_000 }).status === 0 && install())) return;
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, '');
  say('xvfb not installed (optional)');
}

try {
  installPackages();
  const key = stampKey();
  // The automatic runs (--quiet, before npm run matrix and npm test) take the quick path; npm run setup reports.
  if (args.includes('--quiet') && upToDate(key)) process.exit(0);
  // The browser half needs the packages (TypeScript through tsx, Playwright): Node with tsx as its loader.
  const browsers = run(process.execPath, ['--import', 'tsx', path.join('scripts', 'setup-browsers.ts'), ...args], { env: { ...process.env, SETUP_STAMP: STAMP, SETUP_STAMP_KEY: key } });
  if (browsers.status !== 0) process.exit(browsers.status ?? 1);
  linuxVirtualDisplay();
} catch (error) {
  console.error(`setup: ${error.message}`);
  process.exit(1);
}
