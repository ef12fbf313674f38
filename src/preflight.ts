import type { PortalTarget } from './config/settings';

export interface PreflightResult {
  portal: string;
  url: string;
  reachable: boolean;
  reason?: string;
  ms: number;
}

const ENV = 'PORTAL_MATRIX_PREFLIGHT';

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { name?: string }).name;
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'DNS lookup failed';
    case 'TimeoutError': case 'UND_ERR_CONNECT_TIMEOUT': return 'no answer within the pre-flight time limit';
    case 'ECONNRESET': return 'connection reset';
    default:
      if (/CERT|SSL|TLS/i.test(`${code} ${cause?.message}`)) return `TLS error (${code})`;
      return cause?.message ?? (error as Error).message;
  }
}

/**
 * One bounded request per portal before any browser starts: a portal that is down is reported once, as
 * "portal unreachable", instead of as a failure in every browser.
 */
export async function preflight(target: PortalTarget, timeoutMs = 5_000): Promise<PreflightResult> {
  const started = Date.now();
  const done = (reachable: boolean, reason?: string): PreflightResult => ({ portal: target.id, url: target.url, reachable, reason, ms: Date.now() - started });
  try {
    const response = await fetch(target.url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (response.status >= 500) return done(false, `HTTP ${response.status} ${response.statusText} from ${target.url}`);
    return done(true);
  } catch (error) {
    return done(false, `${describeFailure(error)} (${target.url})`);
  }
}

export function publishPreflight(results: PreflightResult[]): void {
  process.env[ENV] = JSON.stringify(results);
}

export function readPreflight(): PreflightResult[] {
  const raw = process.env[ENV];
  return raw ? (JSON.parse(raw) as PreflightResult[]) : [];
}

const BROKEN_BROWSERS_ENV = 'PORTAL_MATRIX_BROKEN_BROWSERS';

/** Browsers found unusable before the run (e.g. an unreachable remote endpoint), by id, with the reason. */
export function publishBrokenBrowsers(broken: Record<string, string>): void {
  process.env[BROKEN_BROWSERS_ENV] = JSON.stringify(broken);
}

export function readBrokenBrowsers(): Record<string, string> {
  return JSON.parse(process.env[BROKEN_BROWSERS_ENV] ?? '{}') as Record<string, string>;
}
