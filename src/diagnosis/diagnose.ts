import type { CookieSignal, RequestSignal, Signals } from './signals';
import { endpointOf, sameEndpoint } from './endpoints';
import { classifyPlaywrightError } from './playwright-error';

const firstLine = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 200) ?? 'nothing';

/**
 * A failing cell's diagnosis, derived only from what the browsers reported (signals), the failing step and
 * Playwright's error — never from knowledge of a portal, a task or the lab.
 */
export interface Diagnosis {
  /** The `test.step` in which the test failed, when it used steps. */
  step?: string;
  /** One line: the most telling signal, or an honest "the signals say nothing". */
  likelyCause: string;
  basis: 'refused-cookie' | 'permission' | 'script-error' | 'console-error' | 'failed-request' | 'playwright-error' | 'slowness' | 'none';
  /** What the browser that passed the same test did differently (browser-specific rows). */
  difference?: { comparedWith: string; lines: string[] };
  /** Counts of what was recorded, and what an engine cannot tell. */
  recorded: { pageErrors: number; consoleErrors: number; failedRequests: number; refusedCookies: number; dropped: number };
  notes?: string[];
}

const REASON_WORDS: [RegExp, string][] = [
  [/ThirdParty|UserPreferences|cross-site context|third-party/i, 'third-party cookie blocked'],
  [/SameSite/i, 'SameSite rules'],
  [/Secure|insecure/i, 'Secure attribute required'],
  [/Partition/i, 'partitioning'],
];

function cookieReason(c: CookieSignal): string {
  const joined = c.reasons.join(' ');
  const words = REASON_WORDS.find(([re]) => re.test(joined))?.[1];
  return words ? `${words}: ${c.reasons.join(', ')}` : c.reasons.join(', ');
}

const PERMISSION = /NotAllowedError|Permission denied|permission (?:was )?denied|not allowed by the user agent/i;
/** `GET localhost:8443/api/discoveries/:id → HTTP 403 — the server said: {"error":"Unsupported client"}` */
const describeRequest = (r: RequestSignal, passing?: Signals) =>
  `${r.method} ${endpointBesides(r, passing)}${r.crossSiteFrame ? ' (in a cross-site frame)' : ''} → ${r.failure ?? `HTTP ${r.status}`}${r.answer ? ` — the server said: ${r.answer}` : ''}`;

/**
 * The request's endpoint; when an id in it was not recognised alone, the passing browser's one request to the
 * same endpoint with another id (see sameEndpoint) shows which segment is the id.
 */
function endpointBesides(r: RequestSignal, passing: Signals | undefined): string {
  const mine = endpointOf(r.url);
  const theirs = [...new Set((passing?.requests ?? []).filter((p) => p.method === r.method).map((p) => endpointOf(p.url)))];
  if (theirs.includes(mine)) return mine;
  const twins = theirs.filter((t) => sameEndpoint(mine, t));
  if (twins.length !== 1) return mine;
  const other = twins[0]!.split('/');
  return mine.split('/').map((segment, i) => (segment === other[i] ? segment : ':id')).join('/');
}

/** When the browser's signals are silent (or were not recorded): Playwright's own error, in plain words. */
function fromPlaywright(error: string | undefined, timedOut: boolean, silence: string): Pick<Diagnosis, 'likelyCause' | 'basis'> | undefined {
  const found = classifyPlaywrightError(error);
  if (found && found.kind !== 'never-appeared') return { likelyCause: found.text, basis: 'playwright-error' };
  if (timedOut || /Timeout \d+ms exceeded/.test(error ?? '')) {
    return { likelyCause: `timed out${found ? ` (${found.text})` : ''} with ${silence}: more likely slowness than a break`, basis: 'slowness' };
  }
  return found ? { likelyCause: found.text, basis: 'playwright-error' } : undefined;
}

/**
 * The most telling signal first: refused cookies, denied permissions, script errors, console errors, failed requests.
 * `passing`: what a browser that passed the same test recorded, when one did (it shows ids in a failed request's path).
 */
export function likelyCause(signals: Signals | undefined, error: string | undefined, timedOut: boolean, passing?: Signals): Pick<Diagnosis, 'likelyCause' | 'basis'> {
  if (!signals) {
    // Said once per run by the matrix (notes), not on every cell: what Playwright's error tells is still worth saying.
    return fromPlaywright(error, timedOut, 'no browser signals recorded') ?? { likelyCause: `no signals were recorded; Playwright said: ${firstLine(error)}`, basis: 'none' };
  }
  const cookie = signals.cookies.find((c) => c.crossSiteFrame && c.operation === 'set') ?? signals.cookies.find((c) => c.operation === 'set') ?? signals.cookies[0];
  if (cookie) {
    const where = cookie.crossSiteFrame ? ' inside a cross-site frame' : '';
    // Every cookie refused alongside it (same site, same operation): usually the whole session of that site.
    const names = [...new Set(signals.cookies.filter((c) => c.origin === cookie.origin && c.operation === cookie.operation && c.crossSiteFrame === cookie.crossSiteFrame).map((c) => `\`${c.name}\``))];
    const noun = `cookie${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
    const verb = cookie.operation === 'set' ? `refused ${noun} set by ${cookie.origin || 'the page'}${where}` : `did not send ${noun} to ${cookie.origin || 'the page'}${where}`;
    return { likelyCause: `the browser ${verb} (${cookieReason(cookie)})`, basis: 'refused-cookie' };
  }
  const permission = [...signals.pageErrors.map((e) => e.message), ...signals.console.map((c) => c.text)].find((t) => PERMISSION.test(t));
  if (permission) return { likelyCause: `the browser denied a permission: ${permission}`, basis: 'permission' };
  const scriptError = signals.pageErrors[0];
  if (scriptError) return { likelyCause: `script error before the failure: ${scriptError.message}${scriptError.location ? ` (${scriptError.location})` : ''}`, basis: 'script-error' };
  const consoleError = signals.console.find((c) => c.type === 'error' && !/^Failed to load resource/.test(c.text));
  if (consoleError) return { likelyCause: `the page logged an error before the failure: ${consoleError.text}${consoleError.location ? ` (${consoleError.location})` : ''}`, basis: 'console-error' };
  const dialog = signals.dialogs?.find((d) => !d.answered);
  if (dialog) return { likelyCause: `the page opened a ${dialog.type} dialog nobody answered ("${dialog.message}"); it was dismissed automatically`, basis: 'playwright-error' };
  const failed = [...signals.failedRequests].reverse().find((r) => r.failure || (r.status ?? 0) >= 400);
  if (failed) return { likelyCause: `a request failed: ${describeRequest(failed, passing)}`, basis: 'failed-request' };
  const playwright = fromPlaywright(error, timedOut, 'no page error, console error, failed request or refused cookie');
  if (playwright) return playwright;
  return { likelyCause: 'the browser reported nothing unusual (no page error, console error, failed request or refused cookie): see the portal\'s message and the trace', basis: 'none' };
}

/**
 * What the passing browser did differently on the same test. Requests are matched by endpoint (ids in the path
 * as `:id`, no query), so the same call made with another object id in each browser is one request: first the
 * requests answered differently, with the request header names one engine sent and the other did not (never
 * their values) — what exposes a server gating on the browser —, then requests made on one side only, errors
 * and refused cookies on one side only.
 */
export function differenceFrom(failing: Signals, passing: Signals, failingBrowser: string, passingBrowser: string, max = 6): string[] {
  const lines: string[] = [];
  const key = (r: RequestSignal) => `${r.method} ${endpointOf(r.url)}`;
  const outcome = (r: RequestSignal) => r.failure ?? `HTTP ${r.status}`;
  // The last answer per endpoint (a poll that failed throughout, or once at the end, shows its last state).
  const failMap = new Map(failing.requests.map((r) => [key(r), r]));
  const passMap = new Map(passing.requests.map((r) => [key(r), r]));
  // An id the rules did not recognise on its own: the one request on each side that differs only in it.
  for (const k of [...failMap.keys()].filter((k) => !passMap.has(k))) {
    const twin = [...passMap.keys()].filter((p) => !failMap.has(p) && sameEndpoint(k, p));
    if (twin.length === 1) {
      passMap.set(k, passMap.get(twin[0]!)!);
      passMap.delete(twin[0]!);
    }
  }
  const headerLines: string[] = [];
  for (const [k, r] of failMap) {
    const other = passMap.get(k);
    if (!other || outcome(other) === outcome(r)) continue;
    lines.push(`the same request answered differently: ${k} → ${outcome(r)} in ${failingBrowser}, ${outcome(other)} in ${passingBrowser}${r.answer ? ` (${failingBrowser}'s answer: ${r.answer})` : ''}`);
    const onlyIn = (a?: string[], b?: string[]) => (a && b ? a.filter((h) => !b.includes(h)) : []);
    const [passOnly, failOnly] = [onlyIn(other.headers, r.headers), onlyIn(r.headers, other.headers)];
    if (!headerLines.length && (passOnly.length || failOnly.length)) {
      headerLines.push(`request headers that differed (${k}): ${[passOnly.length ? `sent only by ${passingBrowser}: ${passOnly.join(', ')}` : '', failOnly.length ? `sent only by ${failingBrowser}: ${failOnly.join(', ')}` : ''].filter(Boolean).join('; ')}`);
    }
  }
  lines.push(...headerLines);
  const onlyPassing = [...passMap.keys()].filter((k) => !failMap.has(k));
  const onlyFailing = [...failMap.keys()].filter((k) => !passMap.has(k));
  if (onlyPassing.length) lines.push(`requests made only in ${passingBrowser}: ${onlyPassing.slice(0, 4).join(', ')}${onlyPassing.length > 4 ? ` (+${onlyPassing.length - 4})` : ''}`);
  if (onlyFailing.length) lines.push(`requests made only in ${failingBrowser}: ${onlyFailing.slice(0, 4).join(', ')}${onlyFailing.length > 4 ? ` (+${onlyFailing.length - 4})` : ''}`);
  const errors = (s: Signals) => new Set([...s.pageErrors.map((e) => e.message), ...s.console.filter((c) => c.type === 'error').map((c) => c.text)]);
  const passErrors = errors(passing);
  const onlyHere = [...errors(failing)].filter((e) => !passErrors.has(e));
  if (onlyHere.length) lines.push(`errors only in ${failingBrowser}: ${onlyHere.slice(0, 2).join(' | ')}${onlyHere.length > 2 ? ` (+${onlyHere.length - 2})` : ''}`);
  const passCookies = new Set(passing.cookies.map((c) => `${c.name}@${c.origin}`));
  const refused = failing.cookies.filter((c) => !passCookies.has(`${c.name}@${c.origin}`));
  if (refused.length) lines.push(`cookies refused only in ${failingBrowser}: ${refused.map((c) => `${c.name} (${c.origin})`).join(', ')}`);
  return lines.slice(0, max);
}

export function diagnose(input: { signals?: Signals; error?: string; timedOut: boolean; step?: string; passing?: { browser: string; signals: Signals }; browser: string }): Diagnosis {
  const s = input.signals;
  const cause = likelyCause(s, input.error, input.timedOut, input.passing?.signals);
  const diagnosis: Diagnosis = {
    ...(input.step ? { step: input.step } : {}),
    ...cause,
    recorded: {
      pageErrors: s?.pageErrors.length ?? 0, consoleErrors: s?.console.filter((c) => c.type === 'error').length ?? 0,
      failedRequests: s?.failedRequests.length ?? 0, refusedCookies: s?.cookies.length ?? 0, dropped: s?.dropped ?? 0,
    },
  };
  if (s?.notes.length) diagnosis.notes = s.notes;
  if (s && input.passing) {
    const lines = differenceFrom(s, input.passing.signals, input.browser, input.passing.browser);
    diagnosis.difference = { comparedWith: input.passing.browser, lines: lines.length ? lines : [`no difference in requests, errors or cookies from ${input.passing.browser} was recorded`] };
  }
  return diagnosis;
}
