import { Secret, TOTP } from 'otpauth';
import { UserInputError } from '../errors';

/**
 * Time-based one-time passwords (RFC 6238), as an authenticator app computes them from the secret shown when
 * it was registered (base32, e.g. "JBSW Y3DP EHPK 3PXP"). Computed with the maintained `otpauth` library.
 */
export function parseTotpSecret(variable: string, raw: string): string {
  const secret = raw.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]{16,}$/.test(secret)) {
    throw new UserInputError(`${variable} is not a base32 secret: give the key shown when the authenticator app was registered (letters A–Z and digits 2–7, at least 16; spaces are fine).`);
  }
  return secret;
}

export interface TotpOptions {
  /** When the code is for (ms since 1970); default now. */
  timestamp?: number;
  digits?: number;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  /** Seconds per code; 30 for Microsoft and every common authenticator app. */
  period?: number;
}

const totp = (secret: string, o: TotpOptions = {}) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: o.digits ?? 6, algorithm: o.algorithm ?? 'SHA1', period: o.period ?? 30 });

export function totpCode(secret: string, options: TotpOptions = {}): string {
  return totp(secret, options).generate({ timestamp: options.timestamp ?? Date.now() });
}

/**
 * Checks a code the way a sign-in service does: the current 30-second step or one step either side. Returns the
 * step the code belongs to (so a service can refuse a code used before), or undefined when it is wrong.
 */
export function totpStep(secret: string, code: string, timestamp = Date.now(), options: TotpOptions = {}): number | undefined {
  const generator = totp(secret, options);
  const delta = generator.validate({ token: code, timestamp, window: 1 });
  return delta === null ? undefined : Math.floor(timestamp / 1000 / generator.period) + delta;
}
