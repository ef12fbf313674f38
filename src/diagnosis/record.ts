import type { BrowserContext, Frame, Page, Request, Response, TestInfo } from '@playwright/test';
import { SIGNALS_ATTACHMENT, clip, cookieFromPageError, emptySignals, push, requestKey, scriptLocation, type RequestSignal, type Signals } from './signals';
import type { SecretScrubber } from '../secrets/scrub';

/** Resource types whose requests say something about the portal's behaviour (not images, fonts, styles). */
const INTERESTING = new Set(['document', 'xhr', 'fetch', 'script', 'eventsource', 'websocket']);
/** Requests whose failed answer is worth quoting: the portal's API and pages, not scripts or media. */
const ANSWERED = new Set(['document', 'xhr', 'fetch']);
const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|problem\+json)|application\/x-www-form-urlencoded)/i;

const siteOf = (url: string) => {
  try {
    const host = new URL(url).hostname;
    return /^[\d.]+$|^\[/.test(host) ? host : host.split('.').slice(-2).join('.');
  } catch {
    return '';
  }
};

/**
 * Records what the browser reports while a test runs: uncaught page errors, console errors and warnings,
 * requests (method + origin + path, status or network error), and — where the engine tells automation — cookies
 * it refused: Chromium through its DevTools protocol (watchCookies), Firefox as page errors; WebKit not at all,
 * which the signals' notes say.
 */
export class SignalRecorder {
  readonly signals: Signals;
  /** Header names and answers are read asynchronously; the attachment waits for them (see settle). */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly context: BrowserContext, engine: string, private readonly scrubber: SecretScrubber) {
    this.signals = emptySignals(engine);
    if (engine === 'webkit') this.signals.notes.push('webkit does not report refused cookies to automation; cookie problems show only through failed requests and the page\'s own messages');
    if (engine === 'firefox') this.signals.notes.push('firefox reports refused cookies only as console messages (name and reason, not the site); an Error passed to console.error arrives without its message over WebDriver BiDi');
    const s = this.signals;
    const text = (t: string) => clip(this.scrubber.scrubText(t));
    context.on('weberror', (e) => {
      const message = e.error().message;
      const cookie = cookieFromPageError(message);
      if (cookie) return push(s, s.cookies, cookie);
      push(s, s.pageErrors, { message: text(`${e.error().name || 'Error'}: ${message}`), location: scriptLocation(e.error().stack) });
    });
    context.on('page', (page) => void this.watchCookies(page));
    context.on('dialog', (dialog) => {
      // With no listener Playwright answers a dialog itself (accepts beforeunload, dismisses the rest); this
      // listener must not change that: it answers the same way, unless the test listens too (then it is theirs).
      const listeners = (emitter: unknown) => (emitter as { listenerCount?: (e: string) => number } | null)?.listenerCount?.('dialog') ?? 0;
      const others = listeners(dialog.page()) + listeners(context) - 1;
      push(s, (s.dialogs ??= []), { type: dialog.type(), message: text(dialog.message()), answered: others > 0 });
      if (others > 0) return;
      (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
    });
    context.on('console', (m) => {
      const type = m.type();
      // Chromium's "Failed to load resource" repeats a failed request, which is recorded as such.
      if ((type !== 'error' && type !== 'warning') || /^Failed to load resource/.test(m.text())) return;
      push(s, s.console, { type, text: text(m.text()), location: m.location().url ? `${requestKey(m.location().url)}:${m.location().lineNumber}` : undefined });
    });
    context.on('response', (r) => {
      const req = r.request();
      if (!INTERESTING.has(req.resourceType())) return;
      const entry: RequestSignal = { method: req.method(), url: requestKey(r.url()), status: r.status(), crossSiteFrame: this.crossSite(req.frame()) };
      push(s, s.requests, entry, 120);
      if (r.status() >= 400) push(s, s.failedRequests, entry);
      this.later(this.describe(entry, req, r.status() >= 400 && ANSWERED.has(req.resourceType()) ? r : undefined));
    });
    context.on('requestfailed', (req) => {
      const entry = { method: req.method(), url: requestKey(req.url()), failure: clip(req.failure()?.errorText ?? 'failed'), crossSiteFrame: this.crossSite(req.frame()) };
      push(s, s.failedRequests, entry);
      if (INTERESTING.has(req.resourceType())) push(s, s.requests, entry, 120);
    });
  }

  /** Adds what needs a round trip to the browser: the header names sent, and a failed request's answer. */
  private async describe(entry: RequestSignal, req: Request, failed: Response | undefined): Promise<void> {
    entry.headers = Object.keys(await req.allHeaders()).map((h) => h.toLowerCase()).sort();
    if (!failed) return;
    const headers = await failed.allHeaders();
    // An answer that sets cookies may carry a session: never quoted. Only text and JSON are.
    if (headers['set-cookie'] || !TEXTUAL.test(headers['content-type'] ?? '')) return;
    const body = (await failed.text()).replace(/\s+/g, ' ').trim();
    if (body) entry.answer = clip(this.scrubber.scrubText(body));
  }

  private later(work: Promise<void>): void {
    const done = work.catch(() => undefined).finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Waits (bounded) for header names and answers still being read, so the attachment has them. */
  async settle(timeoutMs = 2_000): Promise<void> {
    if (!this.pending.size) return;
    await Promise.race([Promise.all(this.pending), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  private crossSite(frame: Frame | null | undefined): boolean {
    try {
      const top = frame?.page().mainFrame().url();
      return !!frame && !!top && frame !== frame.page().mainFrame() && siteOf(frame.url()) !== siteOf(top);
    } catch {
      return false;
    }
  }

  /**
   * Chromium tells which cookies it refused, and why, through the DevTools protocol's Network "extra info"
   * events; the page's session also sees the navigation responses of cross-site frames, where a third-party
   * cookie is set. Enabled on each page as it opens; other engines offer no equivalent (see notes).
   */
  async watchCookies(page: Page): Promise<void> {
    if (this.signals.engine !== 'chromium') return;
    const session = await this.context.newCDPSession(page).catch(() => undefined);
    if (!session) return;
    const requests = new Map<string, { url: string; subframeDocument: boolean }>();
    let mainFrameId = '';
    session.on('Network.requestWillBeSent', (e) => {
      if (requests.size < 2000) requests.set(e.requestId, { url: e.request.url, subframeDocument: e.type === 'Document' && !!mainFrameId && e.frameId !== mainFrameId });
    });
    const record = (requestId: string, operation: 'set' | 'send', blocked: { name: string; reasons: string[] }[]) => {
      const req = requests.get(requestId);
      const origin = req ? requestKey(req.url).split('/')[0]! : '';
      const crossSiteFrame = !!req && (req.subframeDocument || siteOf(req.url) !== siteOf(page.url()));
      for (const b of blocked) push(this.signals, this.signals.cookies, { name: b.name, origin, operation, reasons: b.reasons, crossSiteFrame });
    };
    session.on('Network.responseReceivedExtraInfo', (e) => {
      const blocked = (e.blockedCookies ?? []).map((b) => ({ name: b.cookie?.name ?? b.cookieLine.split('=')[0]!.trim(), reasons: b.blockedReasons.map(String) }));
      if (blocked.length) record(e.requestId, 'set', blocked);
    });
    session.on('Network.requestWillBeSentExtraInfo', (e) => {
      // Only refusals that are the browser's policy, not cookies that simply do not apply to the URL.
      const blocked = e.associatedCookies
        .map((c) => ({ name: c.cookie.name, reasons: c.blockedReasons.map(String).filter((r) => /ThirdParty|UserPreferences|SameSite|Secure|Partition/.test(r)) }))
        .filter((c) => c.reasons.length);
      if (blocked.length) record(e.requestId, 'send', blocked);
    });
    mainFrameId = await session.send('Page.getFrameTree').then((t) => t.frameTree.frame.id).catch(() => '');
    await session.send('Network.enable').catch(() => undefined);
  }
}

/** Records the signals while `run` (the test) runs, then attaches them (`portal-matrix-signals`) to the test. */
export async function recordSignalsAround(context: BrowserContext, engine: string, scrubber: SecretScrubber, testInfo: TestInfo, run: () => Promise<void>): Promise<void> {
  const recorder = new SignalRecorder(context, engine, scrubber);
  await Promise.all(context.pages().map((p) => recorder.watchCookies(p)));
  await run();
  await recorder.settle();
  await testInfo.attach(SIGNALS_ATTACHMENT, { body: JSON.stringify(recorder.signals), contentType: 'application/json' });
}
