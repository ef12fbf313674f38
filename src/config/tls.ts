import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserInputError } from '../errors';
import { setting } from './env';

/**
 * How a portal's HTTPS certificate is trusted. `verify` (default): the system's trust store, as a browser does.
 * `ca-file`: exactly the CA(s) or certificate(s) in `<PREFIX>_CA_FILE`. `insecure`: any certificate — every
 * report says so for that portal.
 */
export type TlsTrust =
  | { mode: 'verify' }
  /** `caFile`: the file's absolute path, or the variable's name when the PEM came as text (`<PREFIX>_CA_PEM`). */
  | { mode: 'ca-file'; caFile: string; pem: string; certificates: CertificateFacts[] }
  | { mode: 'insecure' };

export interface CertificateFacts {
  subject: string;
  issuer: string;
  selfSigned: boolean;
  /** SHA-256 of the DER certificate, as browsers show it (AB:CD:…). */
  fingerprint256: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo: what Chromium's --ignore-certificate-errors-spki-list takes. */
  spkiSha256: string;
  validTo: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** One line naming a certificate: `CN=cucm-pub.example.com` from Node's multi-line subject. */
export const oneLineName = (name: string): string => name.split('\n').filter(Boolean).join(', ');

export function certificateFacts(cert: crypto.X509Certificate): CertificateFacts {
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return {
    subject: oneLineName(cert.subject),
    issuer: oneLineName(cert.issuer),
    selfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
    fingerprint256: cert.fingerprint256,
    spkiSha256: crypto.createHash('sha256').update(spki).digest('base64'),
    validTo: cert.validTo,
  };
}

/** Reads a PEM file of one or more certificates; the error names the variable and what was wrong. */
export function readCaFile(variable: string, file: string): { pem: string; certificates: CertificateFacts[] } {
  let pem: string;
  try {
    pem = fs.readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new UserInputError(`${variable}=${JSON.stringify(file)}: no readable file there. Give the path of the portal's CA or certificate in PEM form.`);
  }
  return readCaText(`${variable}=${JSON.stringify(file)}`, pem);
}

/** PEM text of one or more certificates (a file's content, or `<PREFIX>_CA_PEM` from a CI secret). */
export function readCaText(where: string, pem: string): { pem: string; certificates: CertificateFacts[] } {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (!blocks.length) {
    throw new UserInputError(`${where} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Export the CA or the portal's certificate as PEM (Base-64).`);
  }
  const certificates = blocks.map((block, i) => {
    try {
      return certificateFacts(new crypto.X509Certificate(block));
    } catch (error) {
      throw new UserInputError(`${where}: certificate ${i + 1} cannot be read (${(error as Error).message}).`);
    }
  });
  return { pem: blocks.join('\n'), certificates };
}

/**
 * `<PREFIX>_TLS` and `<PREFIX>_CA_FILE` (or `<PREFIX>_CA_PEM`, the certificate text itself — how a CI secret
 * carries it) → the portal's trust; `labCaFile` is used when the target is the lab.
 */
export function parseTlsTrust(prefix: string, env: NodeJS.ProcessEnv, labCaFile?: string): TlsTrust {
  const tlsVar = `${prefix}_TLS`;
  const caVar = `${prefix}_CA_FILE`;
  const mode = setting(env, tlsVar)?.trim().toLowerCase() ?? 'verify';
  if (mode !== 'verify' && mode !== 'insecure') {
    throw new UserInputError(`${tlsVar}=${JSON.stringify(env[tlsVar])} is not valid: use verify (default) or insecure (accept any certificate; every report says so).`);
  }
  const caFile = setting(env, caVar)?.trim();
  const pemVar = `${prefix}_CA_PEM`;
  const caPem = setting(env, pemVar);
  if (caFile && caPem) throw new UserInputError(`${caVar} and ${pemVar} are both set: give the CA as a file or as PEM text, not both.`);
  if (mode === 'insecure') {
    if (caFile || caPem) throw new UserInputError(`${tlsVar}=insecure and ${caFile ? caVar : pemVar} are both set: give the CA (safe) or insecure, not both.`);
    return { mode: 'insecure' };
  }
  if (caPem) return { mode: 'ca-file', caFile: pemVar, ...readCaText(pemVar, caPem) };
  const file = caFile || labCaFile;
  if (!file) return { mode: 'verify' };
  return { mode: 'ca-file', caFile: path.resolve(file), ...readCaFile(caFile ? caVar : `the lab's certificate (${file})`, file) };
}

/** How the trust reads in a report, e.g. "insecure: any certificate accepted". */
export function describeTlsTrust(trust: TlsTrust): string {
  switch (trust.mode) {
    case 'verify': return 'verified against the system trust store';
    case 'insecure': return 'insecure: any certificate accepted (TLS=insecure)';
    case 'ca-file': return `trusts only ${trust.certificates.map((c) => c.subject).join('; ')} (${path.basename(trust.caFile)})`;
  }
}
