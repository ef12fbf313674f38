import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { writeAtomic } from '../files';

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

/** A self-signed certificate for `names` (DNS names and IP addresses), valid for `days`, with its key, as PEM. */
export function makeSelfSignedCertificate(options: { organization: string; names: string[]; days: number }): { key: string; cert: string } {
  // The key from Node's own crypto (fast, native); node-forge only assembles and signs the certificate, so no
  // openssl binary is needed on any system.
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  // A positive serial (leading 01) of 16 random bytes, as RFC 5280 asks.
  cert.serialNumber = `01${crypto.randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + options.days * DAY_MS);
  const subject = [{ name: 'organizationName', value: options.organization }, { name: 'commonName', value: options.names[0] }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  const ip = /^[\d.]+$|:/;
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: options.names.map((n) => (ip.test(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(cert) };
}

/**
 * The certificate the lab's HTTPS replicas present: generated in Node the first time the lab is needed (and
 * again before it expires), never committed. Written atomically: parallel runs share it.
 */
export function ensureLabCertificate(file = labCertificateFile()): { key: string; cert: string } {
  const existing = readLabCertificate(file);
  if (existing) return existing;
  const { key, cert } = makeSelfSignedCertificate({ organization: 'portal-matrix lab', names: ['localhost', '127.0.0.1'], days: 30 });
  writeAtomic(file, `${key.trim()}\n${cert.trim()}\n`, { mode: 0o600 });
  return readLabCertificate(file) ?? { key, cert };
}
