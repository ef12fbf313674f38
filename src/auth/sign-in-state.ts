import fs from 'node:fs';
import path from 'node:path';

/** Storage states hold live session cookies: kept outside reports/, gitignored, cleared at every run start. */
export const AUTH_DIR = path.resolve(process.env.PORTAL_MATRIX_AUTH_DIR ?? path.join(__dirname, '..', '..', '.auth'));
export const authFile = (browserId: string, portal: string): string => path.join(AUTH_DIR, browserId, `${portal}.json`);
const failureFile = (browserId: string, portal: string): string => path.join(AUTH_DIR, browserId, `${portal}.sign-in-failed.json`);

function writePrivate(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, content, { mode: 0o600 });
}

/**
 * A portal's sign-in failed in one browser: remembered for that portal's tasks in that browser only, so they
 * report "could not run" with this reason while the other portals run as usual.
 */
export function recordSignInFailure(browserId: string, portal: string, reason: string): void {
  writePrivate(failureFile(browserId, portal), JSON.stringify({ reason }));
}

export function readSignInFailure(browserId: string, portal: string): string | undefined {
  const file = failureFile(browserId, portal);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { reason: string }).reason : undefined;
}

export function clearAuthStates(): void {
  fs.rmSync(AUTH_DIR, { recursive: true, force: true });
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
