import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadDotenv } from '../src/config/dotenv-file';
import { UserInputError } from '../src/errors';
import { parseBrowserList, resolveBrowser, describeBrowser, type BrowserId } from '../src/browsers/catalog';
import { PLAYWRIGHT_CLI } from '../src/processes/children';

/**
 * Browser half of scripts/setup.mjs: for each requested browser that is missing, try Playwright's download
 * (bounded in time), then — the Linux fallback, as root on Debian — the distribution's package. Failed attempts are remembered
 * for a day so repeated runs stay instant; SETUP_FORCE=1 retries.
 */
const quiet = process.argv.includes('--quiet');
const STAMP = path.resolve('node_modules/.cache/portal-matrix/setup.json');
const RETRY_AFTER_MS = 24 * 3600_000;
const DEBIAN_PACKAGE: Partial<Record<BrowserId, string>> = { chromium: 'chromium', firefox: 'firefox-esr' };
const say = (message: string) => console.log(`setup: ${message}`);

function run(command: string, args: string[], timeoutMs: number, shown = `${command} ${args.join(' ')}`): boolean {
  say(`$ ${shown}   (giving up after ${timeoutMs / 1000} s)`);
  if (process.env.SETUP_TRACE?.trim()) fs.appendFileSync(process.env.SETUP_TRACE.trim(), `${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs, windowsHide: true, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.error) say(`  gave up: ${result.error.message}`);
  return result.status === 0;
}

function main(): void {
  loadDotenv();
  const ids = parseBrowserList(process.env.BROWSERS);
  const stamp: Record<string, number> = fs.existsSync(STAMP) ? JSON.parse(fs.readFileSync(STAMP, 'utf8')) : {};
  const isDebianRoot = process.getuid?.() === 0 && fs.existsSync('/etc/debian_version');
  let aptUpdated = false;
  const found: string[] = [];
  for (const id of ids) {
    let entry = resolveBrowser(id);
    if (entry.installed && entry.executablePath) found.push(entry.executablePath);
    if (entry.installed) {
      if (!quiet) say(`${id}: ${describeBrowser(entry)}`);
      continue;
    }
    const lastTry = stamp[id] ?? 0;
    if (lastTry > 0 && Date.now() - lastTry < RETRY_AFTER_MS && !process.env.SETUP_FORCE) {
      if (!quiet) say(`${id}: not installed (install failed ${new Date(lastTry).toISOString()}; SETUP_FORCE=1 to retry) — ${entry.installHint}`);
      continue;
    }
    // Without --with-deps: system packages are the user's call (the install hint names it for WebKit).
    // Playwright's own CLI, run by this Node (no npx: npx.cmd needs a shell on Windows).
    if (!run(process.execPath, [PLAYWRIGHT_CLI, 'install', id], 120_000, `npx playwright install ${id}`)) {
      const pkg = DEBIAN_PACKAGE[id];
      if (pkg && isDebianRoot) {
        if (!aptUpdated) aptUpdated = run('apt-get', ['update', '-qq'], 300_000);
        run('apt-get', ['install', '-y', '-qq', pkg], 900_000);
      }
    }
    entry = resolveBrowser(id);
    if (entry.installed) {
      if (entry.executablePath) found.push(entry.executablePath);
      say(`${id}: installed — ${describeBrowser(entry)}`);
      stamp[id] = 0;
    } else {
      say(`${id}: could not be installed here; it will show as "not installed" in the matrix (${entry.installHint})`);
      stamp[id] = Date.now();
    }
  }
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, JSON.stringify(stamp));
  // For setup.mjs's quick path: what was found, so the next run can tell in milliseconds that nothing changed.
  const done = process.env.SETUP_STAMP?.trim();
  if (done) {
    const executables = found.map((p) => ({ path: p, mtimeMs: fs.statSync(p).mtimeMs }));
    const retries = Object.values(stamp).filter((t) => t > 0).map((t) => t + RETRY_AFTER_MS);
    fs.writeFileSync(done, JSON.stringify({ key: process.env.SETUP_STAMP_KEY, executables, retryAt: retries.length ? Math.min(...retries) : undefined }));
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof UserInputError ? `setup: ${error.message}` : error);
  process.exit(2);
}
