/**
 * What a browser reported while one test ran, bounded and scrubbed: the raw material of a diagnosis. Recorded
 * for every test in every browser as the `portal-matrix-signals` attachment, so it survives sharding and merges.
 * No query string, fragment, header value or cookie value is ever recorded; of a failed request's answer only its
 * first characters (text or JSON, scrubbed, never from a response that sets cookies).
 */
export const SIGNALS_ATTACHMENT = 'portal-matrix-signals';
export const MAX_PER_KIND = 40;
export const MAX_TEXT = 300;

export interface PageErrorSignal { message: string; /** "database-widget.js:19" from the error's stack. */ location?: string }
export interface ConsoleSignal { type: 'error' | 'warning'; text: string; location?: string }
/** One request as method + origin + path; `status` for an answer, `failure` for a network error. */
export interface RequestSignal {
  method: string;
  url: string;
  status?: number;
  failure?: string;
  crossSiteFrame?: boolean;
  /** The names (never the values) of the request headers the browser sent, sorted: engines differ in them. */
  headers?: string[];
  /** The start of the server's answer to a failed fetch/XHR/document request (≤ 300 characters, scrubbed). */
  answer?: string;
}
export interface CookieSignal {
  name: string;
  /** The site that set it or would have received it ("127.0.0.1:47104"). */
  origin: string;
  operation: 'set' | 'send';
  /** The engine's own reason words, e.g. ExcludeThirdPartyPhaseout. */
  reasons: string[];
  crossSiteFrame: boolean;
}

export interface Signals {
  version: 1;
  engine: string;
  pageErrors: PageErrorSignal[];
  console: ConsoleSignal[];
  /** Failed requests (network error or HTTP ≥ 400). */
  failedRequests: RequestSignal[];
  /** Every document/script/fetch request with its status: the basis of "what the passing browser did differently". */
  requests: RequestSignal[];
  cookies: CookieSignal[];
  permissions: { name: string; state: string }[];
  /** alert/confirm/prompt/beforeunload dialogs the page opened; `answered: false` when nobody handled one. */
  dialogs?: { type: string; message: string; answered: boolean }[];
  /** Events not kept because a kind reached its bound. */
  dropped: number;
  /** What this engine cannot tell (e.g. refused cookies over WebDriver BiDi). */
  notes: string[];
}

export const emptySignals = (engine: string): Signals => ({
  version: 1, engine, pageErrors: [], console: [], failedRequests: [], requests: [], cookies: [], permissions: [], dialogs: [], dropped: 0, notes: [],
});

/** Adds an entry unless its kind is full (then counts it as dropped) or it repeats the last one. */
export function push<T>(signals: Signals, list: T[], entry: T, max = MAX_PER_KIND): void {
  if (list.length && JSON.stringify(list[list.length - 1]) === JSON.stringify(entry)) return;
  if (list.length >= max) signals.dropped += 1;
  else list.push(entry);
}

/** method + origin + path: never the query string or fragment (they carry tokens). */
export function requestKey(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return `${u.protocol}…`;
    return `${u.host}${u.pathname}`;
  } catch {
    return url.split(/[?#]/)[0]!.slice(0, MAX_TEXT);
  }
}

/** "localhost:47101/static/widget.js:19" from the first stack frame with a URL (Chromium and Firefox formats). */
export function scriptLocation(stack: string | undefined): string | undefined {
  const m = /(https?:\/\/[^\s)@]+?):(\d+):\d+/.exec(stack ?? '');
  return m ? `${requestKey(m[1]!)}:${m[2]}` : undefined;
}

/** Firefox reports a refused cookie as a page error "Cookie “x” has been rejected because …": a cookie signal. */
export function cookieFromPageError(message: string): CookieSignal | undefined {
  const m = /^Cookie “([^”]+)” has been rejected (?:because|for) (.+?)\.?$/.exec(message);
  return m ? { name: m[1]!, origin: '', operation: 'set', reasons: [m[2]!], crossSiteFrame: /cross-site/.test(m[2]!) } : undefined;
}

export const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);
