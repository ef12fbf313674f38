import type { Box, LayoutElement, LayoutSnapshot } from './snapshot';

/**
 * Layout differences between the engines of one run, at the same checkpoint of the same test (no baseline).
 * In the spirit of X-PERT: elements are matched by what they are (role + name), then compared by state
 * (shown, cut off, covered…) and by relative position with a tolerance, never by pixels — so font metrics and
 * a few pixels of difference are not findings.
 */

export const FINDING_KINDS = ['missing', 'hidden', 'off-screen', 'clipped', 'covered', 'text-cut', 'moved', 'extra'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface LayoutFinding {
  /** The step at whose end the checkpoint was taken. */
  checkpoint: string;
  /** The engine where it looks different (column id). */
  browser: string;
  kind: FindingKind;
  /** "term 'Invoice number'". */
  element: string;
  /** Other elements with the same problem and the same cause at this checkpoint (bounded), and how many in all. */
  alsoAffected?: string[];
  affected?: number;
  /** What cuts it off, covers it, or what it moved against / out of. */
  cause?: string;
  /** For `moved`: where it is in this engine and where it is in the others. */
  here?: string;
  elsewhere?: string;
  /** The same problem seen again at this many later checkpoints (or other tests of the task). */
  laterCheckpoints?: number;
  /** Elements inside it that are cut off because of it (reported with it, not one by one). */
  inside?: number;
  /** The engines it was compared with. */
  comparedWith: string[];
  /** The element in each engine's checkpoint screenshot (viewport coordinates), to outline it. */
  boxes: Record<string, Box>;
  /** Each engine's viewport size [width, height] at the checkpoint (the screenshot's size). */
  viewports: Record<string, [number, number]>;
  /** Each engine's checkpoint screenshot, relative to reports/ (filled in by the reporter). */
  screenshots?: Record<string, string>;
}

export interface CheckpointView { browser: string; snapshot: LayoutSnapshot }

/** Roles of messages a page adds when something happens: present in one engine only, they are that engine's. */
const MESSAGE_ROLES = new Set(['alert', 'status', 'alertdialog', 'log', 'dialog']);

/** Pixels two edges may differ by and still count as aligned: absorbs font metrics and control sizes. */
export const TOLERANCE = 4;
const SHOWN_MAX = 10;

type State = 'ok' | Exclude<FindingKind, 'moved' | 'extra'>;
function stateOf(e: LayoutElement | undefined): State {
  if (!e) return 'missing';
  if (!e.visible) return 'hidden';
  if (e.offScreen) return 'off-screen';
  if (e.clippedBy) return 'clipped';
  if (e.coveredBy) return 'covered';
  if (e.textCut) return 'text-cut';
  return 'ok';
}

const describe = (e: LayoutElement) => (e.name ? `${e.role} '${e.name}'` : e.role);
const toViewport = (e: LayoutElement, s: LayoutSnapshot): Box => [e.box[0] - s.scroll[0], e.box[1] - s.scroll[1], e.box[2], e.box[3]];
/** Whether an element's centre was in view, so a covered/not covered answer exists for it. */
const centreInView = (e: LayoutElement, s: LayoutSnapshot) => {
  const [x, y, w, h] = toViewport(e, s);
  return x + w / 2 >= 0 && y + h / 2 >= 0 && x + w / 2 < s.viewport[0] && y + h / 2 < s.viewport[1];
};

/** A name with its id-like words (with a digit, or long and mixed-case) as `:id`: "Job TK1dVI9n" → "Job :id". */
const idless = (name: string) => name.split(' ').map((w) => (/\d/.test(w) || (w.length >= 8 && /[a-z]/.test(w) && /[A-Z]/.test(w.slice(1))) ? ':id' : w)).join(' ');

/**
 * Matches elements across engines: by key (role + name + occurrence), then what is left by role, order and
 * name without its ids — a name that differs per run (an id, a time) still matches the same element, while two
 * different buttons in the same place stay two.
 * Returns rows of the first view's order: each row one element, per engine its match (or none).
 */
function match(views: CheckpointView[]): { label: string; byBrowser: (LayoutElement | undefined)[] }[] {
  const rows: { label: string; byBrowser: (LayoutElement | undefined)[] }[] = [];
  const index = new Map<string, number>();
  views.forEach((v, b) => {
    for (const e of v.snapshot.elements) {
      let row = index.get(e.key);
      if (row === undefined) {
        row = rows.length;
        index.set(e.key, row);
        rows.push({ label: describe(e), byBrowser: views.map(() => undefined) });
      }
      rows[row]!.byBrowser[b] = e;
    }
  });
  // Second pass: rows present in some engines only, paired by role and order with rows present in the others.
  const partial = rows.filter((r) => r.byBrowser.some((e) => !e));
  const merged = new Set<(typeof rows)[number]>();
  for (const a of partial) {
    if (merged.has(a)) continue;
    const role = a.byBrowser.find(Boolean)!.role;
    const name = idless(a.byBrowser.find(Boolean)!.name);
    const b = partial.find((o) => o !== a && !merged.has(o) && o.byBrowser.find(Boolean)!.role === role && idless(o.byBrowser.find(Boolean)!.name) === name
      && o.byBrowser.every((e, i) => !e !== !a.byBrowser[i]));
    if (!b) continue;
    a.byBrowser = a.byBrowser.map((e, i) => e ?? b.byBrowser[i]);
    merged.add(b);
  }
  return rows.filter((r) => !merged.has(r));
}

type Relation = 'above' | 'below' | 'left of' | 'right of' | 'overlapping';
function relation(a: Box, b: Box): Relation {
  if (a[1] + a[3] <= b[1] + TOLERANCE) return 'above';
  if (a[1] >= b[1] + b[3] - TOLERANCE) return 'below';
  if (a[0] + a[2] <= b[0] + TOLERANCE) return 'left of';
  if (a[0] >= b[0] + b[2] - TOLERANCE) return 'right of';
  return 'overlapping';
}
const inside = (a: Box, c: Box) => a[0] >= c[0] - TOLERANCE && a[1] >= c[1] - TOLERANCE && a[0] + a[2] <= c[0] + c[2] + TOLERANCE && a[1] + a[3] <= c[1] + c[3] + TOLERANCE;

/** The engines that differ from the rest: the smaller side; on a tie, the side that is not the reference (first). */
function odd<T>(values: T[], isReference: (v: T) => boolean): number[] {
  const groups = new Map<T, number[]>();
  values.forEach((v, i) => groups.set(v, [...(groups.get(v) ?? []), i]));
  if (groups.size < 2) return [];
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length || (isReference(values[a[0]!]!) ? -1 : 0) - (isReference(values[b[0]!]!) ? -1 : 0) || a[0]! - b[0]!);
  return sorted.slice(1).flat();
}

/** Every difference at one checkpoint, grouped: the same problem with the same cause in one engine is one finding. */
export function compareCheckpoint(checkpoint: string, views: CheckpointView[]): LayoutFinding[] {
  if (views.length < 2) return [];
  const raw: LayoutFinding[] = [];
  const boxesOf = (els: (LayoutElement | undefined)[]) => Object.fromEntries(els.flatMap((e, i) => (e ? [[views[i]!.browser, toViewport(e, views[i]!.snapshot)]] : [])));
  const finding = (i: number, kind: FindingKind, els: (LayoutElement | undefined)[], label: string, extra: Partial<LayoutFinding> = {}) => raw.push({
    checkpoint, browser: views[i]!.browser, kind, element: label, comparedWith: views.filter((_, j) => j !== i).map((v) => v.browser),
    boxes: boxesOf(els), viewports: Object.fromEntries(views.map((v) => [v.browser, v.snapshot.viewport])), ...extra,
  });
  const rows = match(views);
  const shownEverywhere: typeof rows = [];
  for (const row of rows) {
    const states = row.byBrowser.map(stateOf);
    // Covered or not is only known where the centre was in view: elsewhere it is no evidence either way.
    const known = states.map((s, i) => s !== 'covered' && s !== 'ok' ? true : !!row.byBrowser[i] && centreInView(row.byBrowser[i]!, views[i]!.snapshot));
    const ok = states.flatMap((s, i) => (s === 'ok' ? [i] : []));
    if (ok.length === states.length) {
      shownEverywhere.push(row);
      continue;
    }
    if (!ok.length) continue;
    const bad = states.flatMap((s, i) => (s !== 'ok' ? [i] : []));
    // Shown in a minority of engines (three or more) — or a message only some engines got (two engines, no
    // majority): the engines that show it are the odd ones out, not the ones without it.
    const message = MESSAGE_ROLES.has(row.byBrowser[ok[0]!]!.role) && bad.every((i) => states[i] === 'missing');
    if (bad.length > ok.length || (bad.length === ok.length && message)) {
      for (const i of ok) finding(i, 'extra', row.byBrowser, row.label);
      continue;
    }
    for (const i of bad) {
      const e = row.byBrowser[i];
      const state = states[i] as Exclude<State, 'ok'>;
      if (state === 'covered' && !(known[i] && ok.some((j) => known[j]))) continue;
      finding(i, state, row.byBrowser, row.label, { cause: e?.clippedBy ?? e?.coveredBy });
    }
  }
  // Relative layout of neighbours shown in every engine: above ↔ beside flips, inside ↔ outside the container.
  const containers = new Map(rows.map((r) => [r.byBrowser.find(Boolean)!.key, r]));
  for (let k = 0; k < shownEverywhere.length; k++) {
    const row = shownEverywhere[k]!;
    const prev = shownEverywhere[k - 1];
    if (prev) {
      const rel = row.byBrowser.map((e, i) => relation(e!.box, prev.byBrowser[i]!.box));
      if (!rel.includes('overlapping')) {
        const differs = odd(rel, (r) => r === rel[0]);
        for (const i of differs) {
          finding(i, 'moved', row.byBrowser, row.label, { cause: prev.label, here: `${rel[i]} ${prev.label}`, elsewhere: `${rel.find((r) => r !== rel[i])} it` });
        }
        if (differs.length) continue;
      }
    }
    const container = row.byBrowser[0]!.container ? containers.get(row.byBrowser[0]!.container) : undefined;
    if (container && container.byBrowser.every(Boolean)) {
      const within = row.byBrowser.map((e, i) => inside(e!.box, container.byBrowser[i]!.box));
      for (const i of odd(within, (w) => w === within[0])) {
        finding(i, 'moved', row.byBrowser, row.label, { cause: container.label, here: `${within[i] ? 'inside' : 'outside'} ${container.label}`, elsewhere: within[i] ? 'outside it' : 'inside it' });
      }
    }
  }
  return group(fold(raw));
}

/** Elements cut off by a container that is itself hidden or cut off in that engine belong to its finding. */
function fold(raw: LayoutFinding[]): LayoutFinding[] {
  const containers = new Map(raw.filter((f) => f.kind !== 'moved' && f.kind !== 'extra' && f.kind !== 'text-cut').map((f) => [`${f.browser}\n${f.element}`, f]));
  return raw.filter((f) => {
    const container = f.kind === 'clipped' ? containers.get(`${f.browser}\n${f.cause}`) : undefined;
    if (!container || container === f) return true;
    container.inside = (container.inside ?? 0) + 1;
    return false;
  });
}

function group(raw: LayoutFinding[]): LayoutFinding[] {
  const byKey = new Map<string, LayoutFinding>();
  for (const f of raw) {
    const key = [f.browser, f.kind, f.cause ?? '', f.kind === 'moved' ? f.here : ''].join('\n');
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, { ...f, affected: 1 });
      continue;
    }
    first.affected = (first.affected ?? 1) + 1;
    if ((first.alsoAffected ??= []).length < SHOWN_MAX) first.alsoAffected.push(f.element);
  }
  return [...byKey.values()].map((f) => (f.affected === 1 ? (({ affected: _a, ...rest }) => rest)(f) : f));
}

const KIND_WORDS: Record<FindingKind, (f: LayoutFinding) => string> = {
  missing: () => 'is missing',
  hidden: () => 'is hidden',
  'off-screen': () => 'is off-screen',
  clipped: (f) => `is cut off by ${f.cause}`,
  covered: (f) => `is covered by ${f.cause}`,
  'text-cut': () => 'has its text cut off',
  moved: (f) => `is ${f.here} (elsewhere ${f.elsewhere})`,
  extra: () => 'is shown only',
};

/** "term 'Invoice number' (and 25 more) is cut off by region 'Invoice summary' in Firefox ESR 153 at step 'Open…'". */
export function describeFinding(f: LayoutFinding, names: Record<string, string> = {}): string {
  const more = f.affected && f.affected > 1 ? ` (and ${f.affected - 1} more)` : '';
  const verb = f.affected && f.affected > 1 && f.kind !== 'moved' ? KIND_WORDS[f.kind](f).replace(/^is /, 'are ').replace(/^has /, 'have ').replace(/^is shown /, 'are shown ') : KIND_WORDS[f.kind](f);
  const inside = f.inside ? ` — ${f.inside} element${f.inside === 1 ? '' : 's'} inside cannot be seen` : '';
  const later = f.laterCheckpoints ? ` (and at ${f.laterCheckpoints} later checkpoint${f.laterCheckpoints === 1 ? '' : 's'})` : '';
  return `${f.element}${more} ${verb} in ${names[f.browser] ?? f.browser} at step '${f.checkpoint}'${later}${inside}`;
}
