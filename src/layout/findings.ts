import { compareCheckpoint, type LayoutFinding } from './compare';
import type { LayoutSnapshot } from './snapshot';

/** A checkpoint as the matrix gets it from a test result: its screenshot as a path relative to reports/. */
export interface RecordedCheckpoint { name: string; snapshot: LayoutSnapshot; screenshot?: string }
export interface LayoutRun { browser: string; checkpoints: RecordedCheckpoint[] }

/**
 * Where a finding's element is on one browser's checkpoint screenshot, as CSS for an outline over the image
 * (left, top, width, height in % of it, kept within it); undefined when the element is not on that screen.
 */
export function outlineStyle(f: LayoutFinding, browser: string): string | undefined {
  const box = f.boxes[browser];
  if (!box) return undefined;
  const [vw, vh] = f.viewports[browser] ?? [1280, 720];
  const pct = (n: number, of: number) => `${Math.max(0, Math.min(100, (n / of) * 100)).toFixed(2)}%`;
  return `left:${pct(box[0], vw)};top:${pct(box[1], vh)};width:${pct(box[2], vw)};height:${pct(box[3], vh)}`;
}

/** Findings kept per cell: the first ones, in step order. */
export const MAX_FINDINGS_PER_CELL = 20;

/**
 * The findings of one test across the browsers that ran it: checkpoint n of each browser is compared with
 * checkpoint n of the others when they were taken at the same step (a failed test stops taking them).
 */
export function layoutFindingsOf(runs: LayoutRun[]): LayoutFinding[] {
  const depth = Math.max(0, ...runs.map((r) => r.checkpoints.length));
  const findings: LayoutFinding[] = [];
  for (let i = 0; i < depth; i++) {
    const name = runs.find((r) => r.checkpoints[i])!.checkpoints[i]!.name;
    const at = runs.filter((r) => r.checkpoints[i]?.name === name);
    for (const f of compareCheckpoint(name, at.map((r) => ({ browser: r.browser, snapshot: r.checkpoints[i]!.snapshot })))) {
      const screenshots = Object.fromEntries(at.flatMap((r) => (r.checkpoints[i]!.screenshot ? [[r.browser, r.checkpoints[i]!.screenshot!]] : [])));
      findings.push(Object.keys(screenshots).length ? { ...f, screenshots } : f);
    }
  }
  return findings;
}

/** One finding per problem in a cell: the same element with the same problem at later checkpoints (or in further tests of the task) is counted, not repeated. */
export function onePerProblem(findings: LayoutFinding[]): LayoutFinding[] {
  const kept = new Map<string, LayoutFinding>();
  for (const f of findings) {
    const key = [f.kind, f.element, f.cause ?? '', f.here ?? ''].join('\n');
    const first = kept.get(key);
    if (first) first.laterCheckpoints = (first.laterCheckpoints ?? 0) + 1;
    else kept.set(key, { ...f });
  }
  return [...kept.values()].slice(0, MAX_FINDINGS_PER_CELL);
}
