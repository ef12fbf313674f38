import { test, expect } from '@playwright/test';
import { resolveBrowser } from '../src/browsers/catalog';
import type { Desk } from '../src/browsers/desk';

/** A stand-in desk: these files exist (with this content), nothing else. */
function desk(platform: NodeJS.Platform, files: Record<string, string>, env: NodeJS.ProcessEnv = {}, home = platform === 'win32' ? 'C:\\Users\\pat' : '/Users/pat'): Desk {
  const dirs = (p: string) => Object.keys(files).filter((f) => f.startsWith(p) && f !== p).map((f) => f.slice(p.length + 1).split(/[\\/]/)[0]!);
  return { platform, env, home, exists: (f) => f in files || dirs(f).length > 0, read: (f) => files[f], list: (d) => [...new Set(dirs(d))] };
}

const WINDOWS_ENV = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\pat\\AppData\\Local' };

test('a Windows laptop: Edge (32-bit location), Chrome per user, Firefox — each found with its version from its files', () => {
  const laptop = desk('win32', {
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe': '',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\131.0.2903.86\\msedge.dll': '',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\131.0.2903.9\\msedge.dll': '',
    'C:\\Users\\pat\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe': '',
    'C:\\Users\\pat\\AppData\\Local\\Google\\Chrome\\Application\\142.0.7444.60\\chrome.dll': '',
    'C:\\Program Files\\Mozilla Firefox\\firefox.exe': '',
    'C:\\Program Files\\Mozilla Firefox\\application.ini': '[App]\r\nVendor=Mozilla\r\nName=Firefox\r\nVersion=145.0.1\r\n',
  }, WINDOWS_ENV);
  const env = {};
  expect(resolveBrowser('msedge', { desk: laptop, env })).toMatchObject({
    installed: true, source: 'system', channel: 'msedge', version: '131.0.2903.86', product: 'Microsoft Edge',
    executablePath: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', launchOptions: { channel: 'msedge' },
  });
  expect(resolveBrowser('chrome', { desk: laptop, env })).toMatchObject({ installed: true, channel: 'chrome', version: '142.0.7444.60', executablePath: 'C:\\Users\\pat\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe' });
  // The user's own Firefox, over WebDriver BiDi through the moz-firefox channel.
  expect(resolveBrowser('firefox', { desk: laptop, env })).toMatchObject({
    installed: true, product: 'Firefox', version: '145.0.1', protocol: 'WebDriver BiDi',
    launchOptions: { channel: 'moz-firefox', executablePath: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe' },
  });
  // No Chromium or WebKit on the desk: not installed, with the command for this system.
  expect(resolveBrowser('chromium', { desk: laptop, env })).toMatchObject({ installed: false, installHint: 'npx playwright install chromium' });
  expect(resolveBrowser('webkit', { desk: laptop, env })).toMatchObject({ installed: false, installHint: 'npx playwright install webkit' });
});

test('Windows: 32-bit Firefox and per-user Firefox are found; a missing Edge names the repair, not apt-get', () => {
  const x86 = desk('win32', { 'C:\\Program Files (x86)\\Mozilla Firefox\\firefox.exe': '' }, WINDOWS_ENV);
  expect(resolveBrowser('firefox', { desk: x86, env: {} })).toMatchObject({ installed: true, executablePath: 'C:\\Program Files (x86)\\Mozilla Firefox\\firefox.exe', version: undefined });
  const perUser = desk('win32', { 'C:\\Users\\pat\\AppData\\Local\\Mozilla Firefox\\firefox.exe': '', 'C:\\Users\\pat\\AppData\\Local\\Mozilla Firefox\\application.ini': 'Version=140.5.0esr\n' }, WINDOWS_ENV);
  expect(resolveBrowser('firefox', { desk: perUser, env: {} })).toMatchObject({ installed: true, product: 'Firefox ESR', version: '140.5.0esr' });
  const bare = desk('win32', {}, WINDOWS_ENV);
  const edge = resolveBrowser('msedge', { desk: bare, env: {} });
  expect(edge).toMatchObject({ installed: false, installHint: expect.stringContaining('npx playwright install msedge') });
  expect(edge.installHint).toContain('Edge comes with Windows');
  for (const id of ['chromium', 'firefox', 'webkit', 'chrome', 'msedge'] as const) expect(resolveBrowser(id, { desk: bare, env: {} }).installHint).not.toMatch(/apt-get|sudo|--with-deps/);
});

test('a Mac: Chrome and Firefox in /Applications, Edge in ~/Applications, versions from the bundles', () => {
  const mac = desk('darwin', {
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome': '',
    '/Applications/Google Chrome.app/Contents/Info.plist': '<dict><key>CFBundleShortVersionString</key>\n<string>142.0.7444.60</string></dict>',
    '/Applications/Firefox.app/Contents/MacOS/firefox': '',
    '/Applications/Firefox.app/Contents/Resources/application.ini': 'Version=145.0.1\n',
    '/Users/pat/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge': '',
  });
  expect(resolveBrowser('chrome', { desk: mac, env: {} })).toMatchObject({ installed: true, version: '142.0.7444.60', channel: 'chrome' });
  expect(resolveBrowser('firefox', { desk: mac, env: {} })).toMatchObject({ installed: true, version: '145.0.1', launchOptions: { channel: 'moz-firefox', executablePath: '/Applications/Firefox.app/Contents/MacOS/firefox' } });
  expect(resolveBrowser('msedge', { desk: mac, env: {} })).toMatchObject({ installed: true, executablePath: '/Users/pat/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge' });
  expect(resolveBrowser('webkit', { desk: mac, env: {} })).toMatchObject({ installed: false, installHint: 'npx playwright install webkit' });
  expect(resolveBrowser('chromium', { desk: desk('darwin', {}), env: {} }).installHint).toBe('npx playwright install chromium');
});

test('Linux keeps its offline fallback: Debian packages, and the apt-get hint', () => {
  const debian = desk('linux', { '/usr/bin/chromium': '' });
  expect(resolveBrowser('chromium', { desk: debian, env: {} })).toMatchObject({ installed: true, source: 'system', protocol: 'CDP', executablePath: '/usr/bin/chromium' });
  expect(resolveBrowser('firefox', { desk: debian, env: {} }).installHint).toBe('npx playwright install firefox  (Debian, offline: sudo apt-get install firefox-esr)');
  expect(resolveBrowser('webkit', { desk: debian, env: {} }).installHint).toBe('npx playwright install --with-deps webkit');
});
