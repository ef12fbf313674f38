import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserId } from './ids';

/*
 * Where the browsers an IT desk already has live, per system: Edge and Chrome (driven through Playwright's
 * `msedge` / `chrome` channels), the user's own Firefox (through the `moz-firefox` channel, WebDriver BiDi),
 * and on Linux the distribution's packages (the offline fallback). Everything the lookup touches comes in
 * through `Desk`, so tests can stand in for a Windows laptop or a Mac.
 */

export interface Desk {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  exists(file: string): boolean;
  /** A small text file's content, or undefined. */
  read(file: string): string | undefined;
  /** A folder's entries, or []. */
  list(dir: string): string[];
}

export const thisDesk = (env: NodeJS.ProcessEnv = process.env): Desk => ({
  platform: process.platform,
  env,
  home: os.homedir(),
  exists: (file) => fs.existsSync(file),
  read: (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
  list: (dir) => { try { return fs.readdirSync(dir); } catch { return []; } },
});

/** Windows install roots: per machine (64- and 32-bit) and per user. */
function windowsRoots(desk: Desk): string[] {
  const e = desk.env;
  return [e.ProgramFiles ?? e.PROGRAMFILES ?? 'C:\\Program Files', e['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', e.LOCALAPPDATA ?? path.win32.join(desk.home, 'AppData', 'Local')];
}

/** Candidate executables for a browser on this desk, most usual first. */
export function deskPaths(id: BrowserId, desk: Desk): string[] {
  if (desk.platform === 'win32') {
    const under = (...parts: string[]) => windowsRoots(desk).map((root) => path.win32.join(root, ...parts));
    switch (id) {
      case 'chrome': return under('Google', 'Chrome', 'Application', 'chrome.exe');
      case 'msedge': return under('Microsoft', 'Edge', 'Application', 'msedge.exe');
      case 'firefox': return under('Mozilla Firefox', 'firefox.exe');
      default: return [];
    }
  }
  if (desk.platform === 'darwin') {
    const app = (bundle: string, binary: string) => [path.posix.join('/Applications', bundle, 'Contents', 'MacOS', binary), path.posix.join(desk.home, 'Applications', bundle, 'Contents', 'MacOS', binary)];
    switch (id) {
      case 'chrome': return app('Google Chrome.app', 'Google Chrome');
      case 'msedge': return app('Microsoft Edge.app', 'Microsoft Edge');
      case 'firefox': return app('Firefox.app', 'firefox');
      case 'chromium': return app('Chromium.app', 'Chromium');
      default: return [];
    }
  }
  switch (id) {
    case 'chromium': return ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
    case 'firefox': return ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
    case 'chrome': return ['/opt/google/chrome/chrome'];
    case 'msedge': return ['/opt/microsoft/msedge/msedge'];
    default: return [];
  }
}

/** The command (or the download) that gets this browser onto this kind of desk. */
export function installHint(id: BrowserId, platform: NodeJS.Platform): string {
  const linux = platform === 'linux';
  switch (id) {
    case 'chromium': return `npx playwright install chromium${linux ? '  (Debian, offline: sudo apt-get install chromium)' : ''}`;
    case 'firefox': return `npx playwright install firefox${linux ? '  (Debian, offline: sudo apt-get install firefox-esr)' : '  (or install Firefox from mozilla.org: it is used as it is, over WebDriver BiDi)'}`;
    case 'webkit': return linux ? 'npx playwright install --with-deps webkit' : 'npx playwright install webkit';
    case 'chrome': return `npx playwright install chrome${linux ? '' : '  (or install Google Chrome)'}`;
    case 'msedge': return `npx playwright install msedge${platform === 'win32' ? '  (Edge comes with Windows; repair it from Settings › Apps)' : ''}`;
  }
}

/**
 * The version of an installed browser read from its files, without starting it (a Windows GUI program prints
 * nothing for --version): Firefox's application.ini, a Mac bundle's Info.plist, or Chrome/Edge's versioned
 * folder beside the executable on Windows. Undefined when none says; the version then comes from the browser
 * at run time.
 */
export function versionFromFiles(executable: string, desk: Desk): string | undefined {
  const p = desk.platform === 'win32' ? path.win32 : path.posix;
  const dir = p.dirname(executable);
  const ini = desk.read(p.join(dir, 'application.ini')) ?? (desk.platform === 'darwin' ? desk.read(p.join(dir, '..', 'Resources', 'application.ini')) : undefined);
  const fromIni = ini && /^Version=(.+)$/m.exec(ini)?.[1]?.trim();
  if (fromIni) return fromIni;
  if (desk.platform === 'darwin') {
    const plist = desk.read(p.join(dir, '..', 'Info.plist'));
    const fromPlist = plist && /<key>CFBundleShortVersionString<\/key>\s*<string>([^<]+)<\/string>/.exec(plist)?.[1];
    if (fromPlist) return fromPlist;
  }
  if (desk.platform === 'win32') {
    const versions = desk.list(dir).filter((d) => /^\d+\.\d+\.\d+\.\d+$/.test(d));
    const byNumber = (a: string, b: string) => { const [x, y] = [a, b].map((v) => v.split('.').map(Number)); return x!.reduce((c, n, i) => c || n - y![i]!, 0); };
    return versions.sort(byNumber).at(-1);
  }
  return undefined;
}
