/**
 * Real portals put ids, GUIDs, session tokens and numbers in their URLs, so the same request made in two
 * browsers rarely has the same path. Comparing requests across browsers therefore compares endpoints: each
 * path segment that is an identifier becomes `:id`, and a segment that merely carries one (`invoice-12345`)
 * keeps its words. Words are never merged: `/api/users` and `/api/groups` stay two endpoints.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^\d+$/;
/** Hex of at least 8 characters with a digit in it (hashes, object ids); "deadbeef"-like words are rare. */
const HEX = /^(?=.*\d)[0-9a-f]{8,}$/i;
/** base64url-like: 6+ characters of letters and digits (and - _), with at least one of each. */
const TOKEN = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{6,}$/;
/** A long run of base64url characters is a token whatever it contains (64 bits and more). */
const LONG_TOKEN = /^[A-Za-z0-9_-]{22,}$/;
/** 8+ letters (and - _) in both cases, without digits: base64url ids that happened to draw no digit. */
const LETTERS_TOKEN = /^(?=.*[a-z])(?=.*[A-Z])[A-Za-z_-]{8,}$/;
/** A word as paths spell them: `status`, `Hosts`, `phoneEdit`, `getUserList`, `ESXi`, `API`. */
const WORD = /^(?:[A-Za-z][a-z]*(?:[A-Z][a-z]+)*|[A-Z]{2,}[a-z]{0,2})$/;
const CAMEL_WORDS = /^[A-Za-z][a-z]*([A-Z][a-z]+)*$/;
/** A camelCase hump (`phoneEdit`): words in paths have them, but never beside a separator (`waBsi-iz-Dsc`). */
const HUMP = /[a-z][A-Z]/;
/**
 * `YWACotxh`, `TH-UawW_`, `waBsi-iz-Dsc` — but not `phoneEdit`, `ESXi-Hosts` or `Billing_Accounts`: some part of
 * it is no word, or words joined by separators mix styles (a camelCase hump, or parts starting in both cases).
 */
function lettersToken(segment: string): boolean {
  if (!LETTERS_TOKEN.test(segment)) return false;
  const parts = segment.split(/[-_]/).filter(Boolean);
  if (parts.some((part) => !WORD.test(part))) return true;
  if (parts.length < 2) return false;
  const initials = new Set(parts.map((part) => /^[A-Z]/.test(part)));
  return parts.some((part) => HUMP.test(part)) || initials.size > 1;
}
/** What a token may look like when only comparison with the other browser's request can tell (see sameEndpoint). */
const TOKEN_SHAPED = /^(?=.*(\d|[A-Z].*[a-z]|[a-z].*[A-Z]))[A-Za-z0-9_-]{6,}$/;

/** Is this path segment (or part of one) an identifier rather than a word? */
export function isIdentifier(segment: string): boolean {
  return NUMBER.test(segment) || UUID.test(segment) || HEX.test(segment) || TOKEN.test(segment) || LONG_TOKEN.test(segment)
    || lettersToken(segment);
}

/** One path segment with its identifier parts as `:id`: `TK1dVI9n` → `:id`, `invoice-12345.pdf` → `invoice-:id.pdf`. */
export function normalizeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Keep the raw segment.
  }
  if (isIdentifier(decoded)) return ':id';
  // Words joined to an identifier by a separator: only the identifier part changes between requests.
  return decoded.split(/([-_.~:,;=@+])/).map((part) => (part && isIdentifier(part) ? ':id' : part)).join('');
}

/** `/api/discoveries/TK1dVI9n/resume` → `/api/discoveries/:id/resume`; query strings and fragments are dropped. */
export function normalizePath(path: string): string {
  return path.split(/[?#]/)[0]!.split('/').map((s) => (s ? normalizeSegment(s) : s)).join('/');
}

/** `host/path` (a request signal's url) with its path normalised: the key that matches a request across browsers. */
export function endpointOf(hostAndPath: string): string {
  const slash = hostAndPath.indexOf('/');
  return slash < 0 ? hostAndPath : `${hostAndPath.slice(0, slash)}${normalizePath(hostAndPath.slice(slash))}`;
}

/**
 * Two normalised endpoints (`host/path`) that differ in exactly one segment, where both segments are shaped like
 * tokens (or one is already `:id` and the other shaped like one): the same endpoint with an id no rule above
 * recognised alone (`a-Bc_dEf`, `waBsiizDsc`). Words never pair with words.
 */
export function sameEndpoint(a: string, b: string): boolean {
  const [x, y] = [a.split('/'), b.split('/')];
  if (x.length !== y.length) return false;
  const differing = x.map((seg, i) => [seg, y[i]!] as const).filter(([p, q]) => p !== q);
  const token = (seg: string) => TOKEN_SHAPED.test(seg) && !CAMEL_WORDS.test(seg);
  // An id recognised on one side only (`:id` against `waBsiizDsc`) is as good as a token there.
  // Only the one unmatched request on each side is paired (see its callers), so a camelCase word may be that id.
  const tokenOrId = (p: string, q: string) => (p === ':id' && TOKEN_SHAPED.test(q)) || (q === ':id' && TOKEN_SHAPED.test(p)) || (token(p) && token(q));
  return differing.length === 1 && differing.every(([p, q]) => tokenOrId(p, q));
}
