import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium, firefox, webkit, type LaunchOptions } from '@playwright/test';
import { UserInputError } from '../errors';
import { setting } from '../config/env';

import { BROWSER_IDS, type BrowserId } from './ids';
import { deskPaths, installHint, thisDesk, versionFromFiles, type Desk } from './desk';

export { BROWSER_IDS, type BrowserId };
export type Engine = 'chromium' | 'firefox' | 'webkit';
export type BrowserSource = 'playwright' | 'system' | 'remote';

export interface BrowserEntry {
  id: BrowserId;
  engine: Engine;
  /** Product as the user knows it: "Chromium", "Firefox ESR", "Google Chrome"… */
  product: string;
  installed: boolean;
  source?: BrowserSource;
  /** Read from the browser binary (`--version`); remote browsers report theirs at run time. */
  version?: string;
  /** Protocol Playwright speaks to it: CDP, WebDriver BiDi (system Firefox) or Juggler/WebKit's own. */
  protocol?: string;
  executablePath?: string;
  channel?: string;
  wsEndpoint?: string;
  launchOptions?: LaunchOptions;
  /** The command that would install it here; shown in the matrix for browsers that are not installed. */
  installHint: string;
}

interface Spec {
  engine: Engine;
  product: string;
  channel?: string;
}

const SPECS: Record<BrowserId, Spec> = {
  chromium: { engine: 'chromium', product: 'Chromium' },
  firefox: { engine: 'firefox', product: 'Firefox' },
  webkit: { engine: 'webkit', product: 'WebKit' },
  chrome: { engine: 'chromium', product: 'Google Chrome', channel: 'chrome' },
  msedge: { engine: 'chromium', product: 'Microsoft Edge', channel: 'msedge' },
};

/** Flags that keep Chromium quiet on a closed network and give it fake camera/microphone (measured on Chromium 156). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-gpu', '--disable-quic',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
];
/** Fake media without prompts; fission off, else clicks into cross-site iframes are lost over BiDi (an automation artifact). */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'fission.autostart': false,
};

export function parseBrowserList(raw: string | undefined): BrowserId[] {
  const names = (raw?.trim() ? raw : 'chromium,firefox,webkit').split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) throw new UserInputError(`BROWSERS is empty. Valid names: ${BROWSER_IDS.join(', ')}.`);
  for (const name of names) {
    if (!(BROWSER_IDS as readonly string[]).includes(name)) {
      throw new UserInputError(`BROWSERS: unknown browser "${name}". Valid names: ${BROWSER_IDS.join(', ')}.`);
    }
  }
  return [...new Set(names)] as BrowserId[];
}

export function parseWsEndpoint(variable: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserInputError(`${variable}=${JSON.stringify(raw)} is not a URL. Expected ws://host:port/ as printed by "npx playwright run-server".`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new UserInputError(`${variable}=${JSON.stringify(raw)} must start with ws:// or wss:// (the address "npx playwright run-server" prints).`);
  }
  return url.href;
}

/** Reads the product version from the binary itself, e.g. "Mozilla Firefox 153.7.0esr" → "153.7.0esr". */
export function readVersion(executablePath: string): string | undefined {
  const result = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /(\d+\.\d+[\w.]*)/.exec(result.stdout ?? '');
  return match?.[1];
}

function playwrightBuildPath(engine: Engine): string | undefined {
  const type = { chromium, firefox, webkit }[engine];
  try {
    const path = type.executablePath();
    return fs.existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function launchOptionsFor(engine: Engine, source: BrowserSource, executablePath?: string, channel?: string): LaunchOptions {
  if (engine === 'chromium') return { executablePath, channel, args: CHROMIUM_ARGS };
  if (engine === 'firefox') {
    // A system Firefox is driven over WebDriver BiDi, which Playwright selects with the moz-firefox channel.
    return source === 'system'
      ? { channel: 'moz-firefox', executablePath, firefoxUserPrefs: FIREFOX_PREFS }
      : { firefoxUserPrefs: FIREFOX_PREFS };
  }
  return {};
}

function protocolFor(engine: Engine, source: BrowserSource): string {
  if (engine === 'chromium') return 'CDP';
  if (engine === 'firefox') return source === 'system' ? 'WebDriver BiDi' : 'Juggler';
  return 'WebKit';
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  /** Override where system browsers are looked for (tests use it to simulate a machine without them). */
  systemPaths?: Partial<Record<BrowserId, string[]>>;
  /** Skip Playwright's own builds (tests). */
  ignorePlaywrightBuilds?: boolean;
  /** Another system's desk (tests stand in for Windows and macOS): platform, environment, files. */
  desk?: Desk;
}

/**
 * Resolves one requested browser: Playwright build → the browser installed on this desk (Edge, Chrome, the
 * user's Firefox; Debian's packages on Linux) → remote endpoint → not installed, with this system's install hint.
 */
export function resolveBrowser(id: BrowserId, options: ResolveOptions = {}): BrowserEntry {
  const env = options.env ?? process.env;
  const desk = options.desk ?? thisDesk(env);
  const spec = SPECS[id];
  const base = { id, engine: spec.engine, product: spec.product, installHint: installHint(id, desk.platform) };
  const ownVar = `PW_WS_ENDPOINT_${id.toUpperCase()}`;
  // An endpoint named for this browser is an explicit choice, so it wins over a local install.
  const own = setting(env, ownVar);
  if (own) return remoteEntry(base, ownVar, own);

  const pwBuild = spec.channel || options.ignorePlaywrightBuilds || options.desk ? undefined : playwrightBuildPath(spec.engine);
  const systemPath = (options.systemPaths?.[id] ?? deskPaths(id, desk)).find((p) => desk.exists(p));
  const executablePath = pwBuild ?? systemPath;
  if (executablePath) {
    // Branded channels installed by "npx playwright install chrome" live in the vendor's system location.
    const source: BrowserSource = pwBuild ? 'playwright' : 'system';
    const version = versionFromFiles(executablePath, desk) ?? (desk.platform === 'win32' || options.desk ? undefined : readVersion(executablePath));
    const isEsr = spec.engine === 'firefox' && /esr/i.test(version ?? '');
    return {
      ...base,
      product: isEsr ? 'Firefox ESR' : spec.product,
      installed: true,
      source,
      version,
      protocol: protocolFor(spec.engine, source),
      executablePath,
      channel: spec.channel,
      launchOptions: launchOptionsFor(spec.engine, source, pwBuild ? undefined : executablePath, spec.channel),
    };
  }
  const shared = setting(env, 'PW_WS_ENDPOINT');
  if (shared) return remoteEntry(base, 'PW_WS_ENDPOINT', shared);
  return { ...base, installed: false };
}

function remoteEntry(base: Pick<BrowserEntry, 'id' | 'engine' | 'product' | 'installHint'>, variable: string, raw: string): BrowserEntry {
  return { ...base, installed: true, source: 'remote', protocol: 'Playwright run-server', wsEndpoint: parseWsEndpoint(variable, raw) };
}

export function resolveBrowsers(ids: BrowserId[], options: ResolveOptions = {}): BrowserEntry[] {
  return ids.map((id) => resolveBrowser(id, options));
}

/** "Firefox ESR 153.7.0esr, system, WebDriver BiDi" — the column heading in every report. */
export function describeBrowser(entry: Pick<BrowserEntry, 'product' | 'version' | 'source' | 'protocol' | 'installed'>): string {
  if (!entry.installed) return `${entry.product} (not installed)`;
  return [`${entry.product}${entry.version ? ` ${entry.version}` : ''}`, entry.source, entry.protocol].filter(Boolean).join(', ');
}

/**
 * The browser a command opens a window in: the one asked for (`--browser`), else the first installed one of
 * BROWSERS. `doing` completes the message ("to sign in with", "to record in").
 */
export function chooseBrowser(requested: string | undefined, doing: string): BrowserId {
  const id = requested ? parseBrowserList(requested)[0] : parseBrowserList(process.env.BROWSERS).find((b) => resolveBrowser(b).installed);
  if (!id) throw new UserInputError(`No installed browser ${doing}; give one with --browser.`);
  return id;
}

/** That browser's catalog entry, when it can open a window on this machine (installed here, not remote). */
export function localBrowser(id: BrowserId): BrowserEntry {
  const entry = resolveBrowser(id);
  if (!entry.installed || entry.wsEndpoint) throw new UserInputError(`${id} is not installed here${entry.wsEndpoint ? ' (it is a remote browser)' : ''}: ${entry.installHint}, or choose another with --browser.`);
  return entry;
}
