import fs from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../errors';
import { setting } from '../config/env';
import { writeAtomic } from '../files';

/**
 * Storage states hold live session cookies: kept outside reports/, gitignored, files mode 0600. `run/` is this
 * run's (cleared at every run start); `saved/` keeps sessions across runs — captured by hand with
 * `npm run sign-in`, or by the last automatic sign-in — and is only used after checking that it still works.
 */
export const AUTH_DIR = path.resolve(setting(process.env, 'PORTAL_MATRIX_AUTH_DIR') ?? path.join(__dirname, '..', '..', '.auth'));
const RUN_DIR = path.join(AUTH_DIR, 'run');
const SAVED_DIR = path.join(AUTH_DIR, 'saved');
export const authFile = (browserId: string, portal: string): string => path.join(RUN_DIR, browserId, `${portal}.json`);
const failureFile = (browserId: string, portal: string): string => path.join(RUN_DIR, browserId, `${portal}.sign-in-failed.json`);
export const savedSessionFile = (browserId: string, portal: string): string => path.join(SAVED_DIR, browserId, `${portal}.json`);
const savedInfoFile = (browserId: string, portal: string): string => path.join(SAVED_DIR, browserId, `${portal}.info.json`);

export interface SavedSession {
  browserId: string;
  file: string;
  /** ISO time it was saved. */
  savedAt: string;
  /** "by hand (npm run sign-in)", "automatic sign-in", "offered by firefox"… */
  how: string;
}

/** Whole or not at all, so a worker never reads half a session; 0600 in a 0700 folder. */
const writePrivate = (file: string, content: string): void => writeAtomic(file, content, { mode: 0o600 });

/**
 * A portal's sign-in failed in one browser: remembered for that portal's tasks in that browser only, so they
 * report "could not run" with this reason while the other portals run as usual.
 */
export function recordSignInFailure(browserId: string, portal: string, reason: string): void {
  writePrivate(failureFile(browserId, portal), JSON.stringify({ reason }));
}

/** This run's session for a portal in a browser, which its tasks start from. */
export function writeRunState(browserId: string, portal: string, state: string): void {
  writePrivate(authFile(browserId, portal), state);
}

/** Whether this run has a session for the portal in the browser already (another worker signed in). */
export const hasRunSession = (browserId: string, portal: string): boolean => fs.existsSync(authFile(browserId, portal));

const LOCK_STALE_MS = 3 * 60_000;

/** Whether a lock's holder is gone: its process ended (a worker killed mid-sign-in), or it is older than any sign-in. */
function staleLock(dir: string): boolean {
  let age: number;
  let pidText: string;
  try {
    age = Date.now() - fs.statSync(dir).mtimeMs;
  } catch {
    return true; // released meanwhile: try again at once
  }
  if (age > LOCK_STALE_MS) return true;
  try {
    pidText = fs.readFileSync(path.join(dir, 'pid'), 'utf8').trim();
  } catch {
    return false; // the holder is between making the folder and writing its pid
  }
  if (!pidText) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `fn` while no other worker of this run signs in to the same portal in the same browser (a directory made
 * atomically is the lock, on every OS). A lock left by a process that died is taken over.
 */
export async function withRunLock<T>(browserId: string, portal: string, fn: () => Promise<T>): Promise<T> {
  const dir = `${authFile(browserId, portal)}.lock`;
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      fs.mkdirSync(dir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (staleLock(dir)) fs.rmSync(dir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
    return await fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function readSignInFailure(browserId: string, portal: string): string | undefined {
  const file = failureFile(browserId, portal);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { reason: string }).reason : undefined;
}

/** This run's states and sign-in failures; saved sessions stay. */
export function clearAuthStates(): void {
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
}

/** Keeps a session for later runs (0600), with when and how it was made. */
export function saveSession(browserId: string, portal: string, state: string, how: string): SavedSession {
  const session: SavedSession = { browserId, file: savedSessionFile(browserId, portal), savedAt: new Date().toISOString(), how };
  writePrivate(session.file, state);
  writePrivate(savedInfoFile(browserId, portal), JSON.stringify({ savedAt: session.savedAt, how }));
  return session;
}

/** New cookies for a saved session that still works (portals renew them); when and how it was made stay. */
export function refreshSession(browserId: string, portal: string, state: string): void {
  writePrivate(savedSessionFile(browserId, portal), state);
}

export function readSavedSession(browserId: string, portal: string): SavedSession | undefined {
  const file = savedSessionFile(browserId, portal);
  if (!fs.existsSync(file)) return undefined;
  const info = fs.existsSync(savedInfoFile(browserId, portal))
    ? (JSON.parse(fs.readFileSync(savedInfoFile(browserId, portal), 'utf8')) as { savedAt: string; how: string })
    : { savedAt: fs.statSync(file).mtime.toISOString(), how: 'copied in' };
  return { browserId, file, ...info };
}

/** Saved sessions to try for a portal in a browser: its own first, then those captured in other browsers. */
export function savedSessionsFor(portal: string, browserId: string): SavedSession[] {
  const others = fs.existsSync(SAVED_DIR) ? fs.readdirSync(SAVED_DIR).filter((b) => b !== browserId).sort() : [];
  return [browserId, ...others].map((b) => readSavedSession(b, portal)).filter((s): s is SavedSession => !!s);
}

/** A storage state from elsewhere (captured on a desktop, copied here): checked for shape, then saved. */
export function importSession(browserId: string, portal: string, source: string): SavedSession {
  let state: { cookies?: unknown; origins?: unknown };
  try {
    state = JSON.parse(fs.readFileSync(source, 'utf8')) as typeof state;
  } catch (error) {
    throw new UserInputError(`${source}: not a readable storage-state JSON file (${(error as Error).message}).`);
  }
  if (!Array.isArray(state.cookies) || !Array.isArray(state.origins)) {
    throw new UserInputError(`${source}: not a Playwright storage state (expected "cookies" and "origins" lists), e.g. one written by npm run sign-in.`);
  }
  return saveSession(browserId, portal, JSON.stringify(state), `imported from ${path.basename(source)}`);
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Playwright's error from a failed sign-in, in the words of a person looking at the page: which field or button
 * was missing, or the portal's own refusal — from the error text alone, for any portal.
 */
export function explainSignInError(error: unknown): string {
  const text = stripAnsi(error instanceof Error ? error.message : String(error));
  const waiting = /waiting for (getBy\w+)\((.*)\)/.exec(text);
  if (waiting && /Timeout \d+ms exceeded|Timed out/i.test(text)) {
    const [, kind, args] = waiting;
    const name = /['"]([^'"]+)['"]/.exec(args!)?.[1] ?? args;
    const role = /getByRole\(['"](\w+)['"]/.exec(`${kind}(${args})`)?.[1];
    const nameInOptions = /name:\s*['"/]([^'"/]+)/.exec(args!)?.[1];
    const what =
      kind === 'getByLabel' ? `no field labelled "${name}"`
        : kind === 'getByRole' ? `no ${role ?? 'element'}${nameInOptions ? ` named "${nameInOptions}"` : ''}`
          : kind === 'getByText' ? `no text "${name}"`
            : `nothing matching ${kind}(${args})`;
    return `the page has ${what} — the portal's sign-in page may have changed`;
  }
  if (/net::ERR_|NS_ERROR_|ECONNREFUSED/.test(text)) return `the sign-in page did not load (${/(net::ERR_\w+|NS_ERROR_\w+|ECONNREFUSED)/.exec(text)?.[1]})`;
  return text.split('\n')[0]!.trim().slice(0, 300);
}
