import { test, expect } from '@playwright/test';
import { parseTotpSecret, totpCode, totpStep } from '../src/auth/totp';
import { UserInputError } from '../src/errors';

// RFC 6238 Appendix B: the ASCII seed "12345678901234567890" (base32 below), SHA-1, 8 digits, 30-second steps.
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: [number, string][] = [
  [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
];

test('TOTP codes match RFC 6238\'s published test vectors', () => {
  for (const [seconds, code] of VECTORS) expect(totpCode(RFC_SEED, { timestamp: seconds * 1000, digits: 8 }), `T=${seconds}`).toBe(code);
  // What an authenticator app shows: the last 6 digits of the same HOTP value.
  expect(totpCode(RFC_SEED, { timestamp: 59_000 })).toBe('287082');
});

test('a code is valid for its step and one step either side, and says which step it belongs to', () => {
  const now = 1_800_000_015_000;
  const step = Math.floor(now / 30_000);
  expect(totpStep(RFC_SEED, totpCode(RFC_SEED, { timestamp: now }), now)).toBe(step);
  expect(totpStep(RFC_SEED, totpCode(RFC_SEED, { timestamp: now - 30_000 }), now)).toBe(step - 1);
  expect(totpStep(RFC_SEED, totpCode(RFC_SEED, { timestamp: now + 30_000 }), now)).toBe(step + 1);
  expect(totpStep(RFC_SEED, totpCode(RFC_SEED, { timestamp: now - 60_000 }), now)).toBeUndefined();
});

test('the secret is read as an authenticator app shows it; anything else is refused with the fix', () => {
  expect(parseTotpSecret('M365_TOTP_SECRET', 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toBe(RFC_SEED);
  expect(() => parseTotpSecret('M365_TOTP_SECRET', '0123456789abcdef0123')).toThrow(UserInputError);
  expect(() => parseTotpSecret('M365_TOTP_SECRET', 'SHORT')).toThrow(/M365_TOTP_SECRET is not a base32 secret/);
});
