import type { BrowserContext, Page } from '@playwright/test';
import { SCREEN_LINE, type RecordedAction } from './recording';

/**
 * The one place that uses Playwright's internal recorder API (1.64.1): `BrowserContext._startRecording` with
 * the JSONL language reports each recorded action as a JSON line, as `npx playwright codegen --target=jsonl`
 * writes them. It records real input (a person, or page.mouse / page.keyboard), not locator calls. Internal:
 * test/record-api.test.ts fails loudly if an upgrade moves it.
 */
interface InternalRecorder {
  _startRecording(params: { language: string; mode: string }, sink: {
    actionAdded: (page: unknown, action: unknown, code: string) => void;
    actionUpdated: (page: unknown, action: unknown, code: string) => void;
    signalAdded: (page: unknown, signal: unknown, code: string) => void;
  }): Promise<void>;
  _stopRecording(): Promise<void>;
}

export class RecorderUnavailable extends Error {}

/**
 * The screen an action was done on, from the page's accessibility snapshot the recorder takes with it: the
 * first top-level heading of its main content (menus and banners have headings too), else the page's first
 * level-2 heading (portals put the product in h1 and the page in h2), else its first level-1 heading.
 */
export function headingOf(ariaSnapshot: unknown): string | undefined {
  if (typeof ariaSnapshot !== 'string') return undefined;
  const lines = ariaSnapshot.split('\n');
  const heading = (line: string) => {
    const m = /- heading "((?:[^"\\]|\\.)*)" \[level=(\d)\]/.exec(line);
    return m ? { text: m[1]!.replace(/\\"/g, '"'), level: Number(m[2]) } : undefined;
  };
  const main = lines.findIndex((l) => /^\s*- main\b/.test(l));
  if (main >= 0) {
    const indent = /^\s*/.exec(lines[main]!)![0].length;
    const inside = [];
    for (const line of lines.slice(main + 1)) {
      if (/^\s*/.exec(line)![0].length <= indent) break;
      const h = heading(line);
      if (h) inside.push(h);
    }
    const top = inside.find((h) => h.level <= 2) ?? inside[0];
    if (top) return top.text;
  }
  const all = lines.map(heading).filter((h) => !!h);
  return (all.find((h) => h.level === 2) ?? all.find((h) => h.level === 1))?.text;
}

/** The recorder's JSONL line(s) for an action, with the heading of the screen it was done on. */
function parseLines(code: string, action: unknown): RecordedAction[] {
  const lines = code.split('\n').filter(Boolean).map((l) => JSON.parse(l) as RecordedAction).filter((a) => typeof a.name === 'string');
  const heading = headingOf((action as { ariaSnapshot?: unknown } | undefined)?.ariaSnapshot);
  if (heading && lines[0]) lines[0].heading = heading;
  return lines;
}

/** Records what is done in the context's pages until `stop()`, with the heading of each page as it loads. */
export async function startRecording(context: BrowserContext): Promise<{ actions: RecordedAction[]; stop: () => Promise<RecordedAction[]> }> {
  const recorder = context as unknown as Partial<InternalRecorder>;
  if (typeof recorder._startRecording !== 'function' || typeof recorder._stopRecording !== 'function') {
    throw new RecorderUnavailable('this Playwright version has no BrowserContext._startRecording (the recorder API portal-matrix relies on; see README "Recording a task").');
  }
  const actions: RecordedAction[] = [];
  const replaceLast = (next: RecordedAction[]) => {
    if (!next.length) return;
    const at = actions.findLastIndex((a) => a.name !== SCREEN_LINE);
    if (at < 0) return void actions.push(...next);
    next[0]!.heading ??= actions[at]!.heading;
    actions.splice(at, 1, ...next);
  };
  await recorder._startRecording({ language: 'jsonl', mode: 'recording' }, {
    actionAdded: (_page, action, code) => actions.push(...parseLines(code, action)),
    actionUpdated: (_page, action, code) => replaceLast(parseLines(code, action)),
    signalAdded: (_page, _signal, code) => replaceLast(parseLines(code, actions.findLast((a) => a.name !== SCREEN_LINE))),
  });
  const watch = (page: Page) => page.on('load', () => {
    // The page's own title for the screen: its first heading (h1, else h2), read once it has loaded.
    // The same rule as headingOf: main content's first h1/h2, else the first h2, else the first h1.
    void page.evaluate(() => (document.querySelector('main h1, main h2, [role=main] h1, [role=main] h2') ?? document.querySelector('main [role=heading], main h3') ?? document.querySelector('h2') ?? document.querySelector('h1'))?.textContent?.replace(/\s+/g, ' ').trim() ?? '')
      .then((heading) => actions.push({ name: SCREEN_LINE, url: page.url(), heading: heading || undefined }), () => undefined);
  });
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    actions,
    stop: async () => {
      // The recorder reports an action once it has been performed: wait until nothing new comes (≤ 5 s).
      for (let seen = -1, waited = 0; seen !== actions.length && waited < 5_000; waited += 500) {
        seen = actions.length;
        await new Promise((r) => setTimeout(r, 500));
      }
      await recorder._stopRecording!().catch(() => undefined);
      return actions;
    },
  };
}
