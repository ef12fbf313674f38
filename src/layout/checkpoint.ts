import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { checkpointSource, type LayoutSnapshot } from './snapshot';
import type { SecretScrubber } from '../secrets/scrub';

/** The test attachment holding a test's checkpoints (JSON); each checkpoint's screenshot is its own attachment. */
export const LAYOUT_ATTACHMENT = 'portal-matrix-layout';
/** Bounds per test: a long task keeps its first checkpoints. */
export const MAX_CHECKPOINTS = 12;

export interface LayoutCheckpoint {
  name: string;
  /** Absent when the screen had not changed since checkpoint `sameAs` (its snapshot and screenshot stand). */
  snapshot?: LayoutSnapshot;
  /** Index of the earlier checkpoint showing the same screen. */
  sameAs?: number;
  /** Name of the attachment holding the screenshot taken with the snapshot. */
  screenshot?: string;
}

/**
 * Layout checkpoints of one test in one browser: at each, a layout snapshot of the page (what a user sees or
 * uses, and where) and a small screenshot, for the matrix to compare across the browsers of the same run.
 * Never fails the test: a page that is navigating or closed simply has no checkpoint there.
 */
export class LayoutRecorder {
  readonly checkpoints: LayoutCheckpoint[] = [];
  private last?: { signature: string; index: number };

  constructor(private readonly page: Page, private readonly testInfo: TestInfo, private readonly scrubber: SecretScrubber) {}

  async take(name: string): Promise<void> {
    if (this.checkpoints.length >= MAX_CHECKPOINTS || this.page.isClosed()) return;
    try {
      const { signature, snapshot } = (await this.page.evaluate(checkpointSource(this.last?.signature))) as { signature: string; snapshot?: LayoutSnapshot };
      if (!snapshot) {
        this.checkpoints.push({ name, sameAs: this.last!.index });
        return;
      }
      const scrub = (s: string | undefined) => (s === undefined ? s : this.scrubber.scrubText(s));
      for (const e of snapshot.elements) Object.assign(e, { name: scrub(e.name), key: scrub(e.key), clippedBy: scrub(e.clippedBy), coveredBy: scrub(e.coveredBy), container: scrub(e.container) });
      snapshot.path = scrub(snapshot.path)!;
      const index = this.checkpoints.length;
      const file = this.testInfo.outputPath(`layout-${index + 1}.jpeg`);
      // Small and lossy on purpose: it is kept for passing tests too. Password fields show only bullets.
      // caret: 'initial' spares Playwright a style injection (a round trip) per screenshot.
      await this.page.screenshot({ path: file, type: 'jpeg', quality: 45, scale: 'css', caret: 'initial', timeout: 5_000 });
      const screenshot = `layout-${index + 1}`;
      await this.testInfo.attach(screenshot, { path: file, contentType: 'image/jpeg' });
      fs.rmSync(file, { force: true });
      this.checkpoints.push({ name, snapshot, screenshot });
      this.last = { signature, index };
    } catch {
      // Navigation in progress, page closed, or a frame gone: no checkpoint here.
    }
  }

  async attach(): Promise<void> {
    if (!this.checkpoints.length) return;
    await this.testInfo.attach(LAYOUT_ATTACHMENT, { body: JSON.stringify(this.checkpoints), contentType: 'application/json' });
  }
}

let active: LayoutRecorder | undefined;
let depth = 0;
let taken = 0;

/**
 * Records checkpoints for the test now running (one at a time per worker): at the end of each top-level
 * `test.step` of a test that uses `withLayoutCheckpoints`, at `layoutCheckpoint(name)`, and — when none was
 * taken — once at the end of a passing test.
 */
export async function recordLayoutAround(page: Page, testInfo: TestInfo, scrubber: SecretScrubber, run: () => Promise<void>): Promise<void> {
  const recorder = new LayoutRecorder(page, testInfo, scrubber);
  active = recorder;
  depth = 0;
  taken = 0;
  try {
    await run();
    if (!taken && testInfo.status === testInfo.expectedStatus && testInfo.status === 'passed') await recorder.take('end of test');
  } finally {
    active = undefined;
  }
  await recorder.attach();
}

/** A checkpoint at a point of the page object's or test's choosing (e.g. after a menu opens). */
export async function layoutCheckpoint(name: string): Promise<void> {
  if (!active) return;
  taken += 1;
  await active.take(name);
}

interface Location { file: string; line: number; column: number }
/** Where the spec called test.step: the step keeps its own source location in reports, not this wrapper's. */
function callerLocation(): Location | undefined {
  const frame = new Error().stack?.split('\n')[3]?.trim().replace(/^at\s+/, '');
  const where = frame && (/\((.*)\)$/.exec(frame)?.[1] ?? frame);
  const m = where && /^(.*):(\d+):(\d+)$/.exec(where);
  if (!m) return undefined;
  return { file: m[1]!.startsWith('file:') ? fileURLToPath(m[1]!) : m[1]!, line: Number(m[2]), column: Number(m[3]) };
}

type StepBody<R> = (info: never) => R | Promise<R>;
interface StepFunction {
  <R>(title: string, body: StepBody<R>, options?: { box?: boolean; location?: Location; timeout?: number }): Promise<R>;
}

/** Makes a `test` take a layout checkpoint at the end of each top-level step that completed. */
export function withLayoutCheckpoints<T>(test: T): T {
  const target = test as unknown as { step: StepFunction };
  const original = target.step.bind(target);
  const step = (async <R>(title: string, body: StepBody<R>, options: { box?: boolean; location?: Location; timeout?: number } = {}) => {
    const location = options.location ?? callerLocation();
    return original(title, async (info: never) => {
      depth += 1;
      let result: R;
      try {
        result = await body(info);
      } finally {
        depth -= 1;
      }
      if (depth === 0 && active) {
        taken += 1;
        await active.take(title);
      }
      return result;
    }, { ...options, ...(location ? { location } : {}) });
  }) as StepFunction;
  Object.assign(step, target.step);
  Object.defineProperty(target, 'step', { value: step, configurable: true, writable: true });
  return test;
}
