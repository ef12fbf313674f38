import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** The lab's self-signed certificate and key, in one file so a reader never pairs a key with another cert. */
export const labCertificateFile = (): string =>
  path.resolve(process.env.PORTAL_MATRIX_LAB_TLS ?? path.join(__dirname, '..', '..', '.cache', 'lab-tls', 'localhost.pem'));

const KEY_BLOCK = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/;
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const DAY_MS = 86_400_000;

export function readLabCertificate(file = labCertificateFile()): { key: string; cert: string } | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  const key = KEY_BLOCK.exec(text)?.[0];
  const cert = CERT_BLOCK.exec(text)?.[0];
  if (!key || !cert) return undefined;
  const validTo = Date.parse(new crypto.X509Certificate(cert).validTo);
  return validTo - Date.now() > 2 * DAY_MS ? { key, cert } : undefined;
}

/**
 * The certificate the lab's HTTPS replicas present: generated with the system's openssl the first time the lab
 * is needed (and again before it expires), never committed. Written atomically: parallel runs share it.
 */
export function ensureLabCertificate(file = labCertificateFile()): { key: string; cert: string } {
  const existing = readLabCertificate(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const keyOut = `${tmp}.key`;
  const result = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
    '-subj', '/O=portal-matrix lab/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', keyOut, '-out', `${tmp}.crt`,
  ], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`The lab serves some portals over HTTPS and needs openssl to make its certificate: ${result.error?.message ?? result.stderr.trim()}. Install it (apt-get install openssl) or run npm run setup.`);
  }
  const key = fs.readFileSync(keyOut, 'utf8');
  const cert = fs.readFileSync(`${tmp}.crt`, 'utf8');
  fs.writeFileSync(tmp, `${key.trim()}\n${cert.trim()}\n`, { mode: 0o600 });
  fs.rmSync(keyOut);
  fs.rmSync(`${tmp}.crt`);
  fs.renameSync(tmp, file);
  return readLabCertificate(file) ?? { key, cert };
}
