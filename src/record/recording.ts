import fs from 'node:fs';
import { UserInputError } from '../errors';

/**
 * A recording as Playwright's recorder describes it in its JSONL language (codegen `--target=jsonl`, or the
 * live recorder): one action per line, each with the element as a structured locator. Plus our own
 * `portal-matrix:screen` lines, written while recording live: the page heading each time a page loads.
 */
export interface LocatorDescription {
  kind: string;
  body: string | LocatorDescription;
  options?: { exact?: boolean; name?: string | { source: string; flags: string }; attrs?: { name: string; value: unknown }[]; hasText?: string; level?: number; checked?: boolean };
  next?: LocatorDescription;
}

export interface RecordedSignal {
  name: string;
  url?: string;
  popupAlias?: string;
}

export interface RecordedAction {
  name: string;
  pageGuid?: string;
  url?: string;
  selector?: string;
  locator?: LocatorDescription;
  text?: string;
  value?: string;
  key?: string;
  options?: string[];
  checked?: boolean;
  substring?: boolean;
  signals?: RecordedSignal[];
  /** The screen's heading: on `portal-matrix:screen` lines after a load, on actions the page they were done on. */
  heading?: string;
  /** A password-like value was typed here and removed: the portal's own password, or another. */
  secret?: 'portal-password' | 'typed';
}

export const SCREEN_LINE = 'portal-matrix:screen';

/** Reads a JSONL recording: a header line of options (no `name`) is skipped; a line that is no JSON is an error with its number. */
export function parseRecording(text: string, source: string): RecordedAction[] {
  const actions: RecordedAction[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UserInputError(`${source}:${i + 1}: not a JSON line — expected one recorded action per line (npx playwright codegen --target=jsonl).`);
    }
    if (value && typeof value === 'object' && typeof (value as RecordedAction).name === 'string') actions.push(value as RecordedAction);
  });
  return actions;
}

export function readRecording(file: string): RecordedAction[] {
  if (!fs.existsSync(file)) throw new UserInputError(`${file}: no such recording.`);
  return parseRecording(fs.readFileSync(file, 'utf8'), file);
}

/** The recording as JSONL again (what the recorder keeps, secrets already removed). */
export const recordingText = (actions: readonly RecordedAction[]): string => actions.map((a) => JSON.stringify(a)).join('\n') + '\n';
