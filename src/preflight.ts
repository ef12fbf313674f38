import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import crypto from 'node:crypto';
import type { PortalTarget } from './portals/definition';
import { certificateFacts, type CertificateFacts } from './config/tls';

export interface PreflightResult {
  portal: string;
  url: string;
  reachable: boolean;
  reason?: string;
  ms: number;
  /** The certificate an HTTPS portal presented (checked against the portal's trust before any browser starts). */
  certificate?: CertificateFacts;
}

const ENV = 'PORTAL_MATRIX_PREFLIGHT';

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|SSL/;

function describeFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? e.name;
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'DNS lookup failed';
    case 'TimeoutError': case 'ABORT_ERR': case 'ETIMEDOUT': return 'no answer within the pre-flight time limit';
    case 'ECONNRESET': return 'connection reset';
    default: return e.message;
  }
}

/** The certificate a server presents, read without judging it, for a message that says what to trust. */
function peekCertificate(url: URL, timeoutMs: number): Promise<CertificateFacts | undefined> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port || 443), servername: url.hostname, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const raw = socket.getPeerCertificate()?.raw;
      socket.end();
      resolve(raw ? certificateFacts(new crypto.X509Certificate(raw)) : undefined);
    });
    socket.on('error', () => resolve(undefined));
    socket.on('timeout', () => { socket.destroy(); resolve(undefined); });
  });
}

function untrustedReason(target: PortalTarget, code: string, cert: CertificateFacts | undefined): string {
  const what = cert
    ? `${cert.selfSigned ? 'self-signed, ' : `issued by ${cert.issuer}, `}subject ${cert.subject}, SHA-256 fingerprint ${cert.fingerprint256}`
    : code;
  const prefix = target.envPrefix;
  if (target.tls.mode === 'ca-file') {
    return `certificate not trusted (${what}): it does not chain to ${target.tls.caFile === `${prefix}_CA_PEM` ? `${prefix}_CA_PEM` : `${prefix}_CA_FILE (${target.tls.caFile})`}; the portal presents a different certificate than the one trusted (${code})`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `certificate not valid for this address (${what}) — use the host name the certificate names in ${prefix}_URL`;
  if (code === 'CERT_HAS_EXPIRED') return `certificate expired (${what})`;
  return `certificate not trusted (${what}) — set ${prefix}_CA_FILE=<pem> or ${prefix}_TLS=insecure`;
}

/**
 * One bounded request per portal before any browser starts: a portal that is down, or whose certificate is not
 * trusted, is reported once as "portal unreachable" with the reason, instead of as a failure in every browser.
 * HTTPS is checked with the portal's own trust (system store, its CA file, or none when insecure).
 */
export async function preflight(target: PortalTarget, timeoutMs = 5_000): Promise<PreflightResult> {
  const started = Date.now();
  const url = new URL(target.url);
  const done = (reachable: boolean, reason?: string, certificate?: CertificateFacts): PreflightResult =>
    ({ portal: target.id, url: target.url, reachable, reason, ms: Date.now() - started, ...(certificate ? { certificate } : {}) });
  const secure = url.protocol === 'https:';
  try {
    const { status, statusText, certificate } = await new Promise<{ status: number; statusText: string; certificate?: CertificateFacts }>((resolve, reject) => {
      const options: https.RequestOptions = {
        method: 'GET',
        signal: AbortSignal.timeout(timeoutMs),
        ...(secure ? {
          rejectUnauthorized: target.tls.mode !== 'insecure',
          ...(target.tls.mode === 'ca-file' ? { ca: target.tls.pem } : {}),
          agent: false,
        } : {}),
      };
      const request = (secure ? https : http).request(url, options, (response) => {
        const raw = secure ? (response.socket as tls.TLSSocket).getPeerCertificate()?.raw : undefined;
        response.resume();
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', certificate: raw ? certificateFacts(new crypto.X509Certificate(raw)) : undefined });
      });
      request.on('error', reject);
      request.end();
    });
    if (status >= 500) return done(false, `HTTP ${status} ${statusText} from ${target.url}`);
    return done(true, undefined, certificate);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (secure && CERT_CODES.test(code)) {
      const cert = await peekCertificate(url, timeoutMs);
      return done(false, `${untrustedReason(target, code, cert)} (${target.url})`, cert);
    }
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
