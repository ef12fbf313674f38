import { test, expect } from '@playwright/test';
import { compareCheckpoint, describeFinding } from '../src/layout/compare';
import { layoutFindingsOf, onePerProblem } from '../src/layout/findings';
import type { Box, LayoutElement, LayoutSnapshot } from '../src/layout/snapshot';

/** Recorded-snapshot shapes: what the collector gives for a simple form page (1280×720, not scrolled). */
const el = (role: string, name: string, box: Box, extra: Partial<LayoutElement> = {}, n = 1): LayoutElement =>
  ({ key: `${role}|${name}|${n}`, role, name, box, visible: true, ...extra });
const snap = (elements: LayoutElement[], scroll: [number, number] = [0, 0]): LayoutSnapshot => ({ path: '/phones/new', viewport: [1280, 720], scroll, elements });

const page = (): LayoutElement[] => [
  el('navigation', 'Main', [0, 0, 220, 720]),
  el('heading', 'Add a phone', [240, 20, 300, 32]),
  el('region', 'Phone details', [240, 70, 600, 300]),
  el('label', 'Device name', [260, 90, 120, 20], { container: 'region|Phone details|1' }),
  el('textbox', 'Device name', [400, 86, 260, 28], { container: 'region|Phone details|1' }),
  el('button', 'Save', [260, 400, 80, 32]),
  el('button', 'Cancel', [350, 400, 90, 32]),
];
/** The same page as another engine draws it: text a few pixels wider, controls a pixel or two taller. */
const otherFonts = (): LayoutElement[] => page().map((e) => ({ ...e, box: [e.box[0], e.box[1] + 1, e.box[2] + 3, e.box[3] + 2] as Box }));
const change = (elements: LayoutElement[], key: string, patch: Partial<LayoutElement>) => elements.map((e) => (e.key === key ? { ...e, ...patch } : e));

const compare = (a: LayoutElement[], b: LayoutElement[]) => compareCheckpoint('Add phone', [{ browser: 'chromium', snapshot: snap(a) }, { browser: 'firefox', snapshot: snap(b) }]);

test('the same layout drawn with other font metrics is no finding', () => {
  expect(compare(page(), otherFonts())).toEqual([]);
  expect(compare(page(), page())).toEqual([]);
});

test('an element covered in one engine only: one finding naming what covers it', () => {
  const findings = compare(page(), change(otherFonts(), 'button|Save|1', { coveredBy: "navigation 'Main'" }));
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ browser: 'firefox', kind: 'covered', element: "button 'Save'", cause: "navigation 'Main'", comparedWith: ['chromium'] });
  expect(describeFinding(findings[0]!, { firefox: 'Firefox ESR 153' })).toBe("button 'Save' is covered by navigation 'Main' in Firefox ESR 153 at step 'Add phone'");
});

test('covered or not is no evidence where the element was out of view (the engines scrolled differently)', () => {
  const scrolledAway = change(otherFonts(), 'button|Save|1', { box: [260, 900, 80, 32] });
  expect(compareCheckpoint('Add phone', [{ browser: 'chromium', snapshot: snap(change(page(), 'button|Save|1', { coveredBy: 'banner' })) }, { browser: 'firefox', snapshot: snap(scrolledAway) }])
    .filter((f) => f.kind === 'covered')).toEqual([]);
});

test('clipped, hidden, missing, off-screen and cut-off text: one finding each, in the engine where it happens', () => {
  const cases: [Partial<LayoutElement> | null, string][] = [
    [{ clippedBy: "region 'Phone details'" }, 'clipped'],
    [{ visible: false }, 'hidden'],
    [null, 'missing'],
    [{ offScreen: true }, 'off-screen'],
    [{ textCut: true }, 'text-cut'],
  ];
  for (const [patch, kind] of cases) {
    const other = patch ? change(otherFonts(), 'button|Cancel|1', patch) : otherFonts().filter((e) => e.key !== 'button|Cancel|1');
    const findings = compare(page(), other);
    expect(findings, kind).toHaveLength(1);
    expect(findings[0], kind).toMatchObject({ browser: 'firefox', kind, element: "button 'Cancel'" });
    // The reverse: the problem is in the first engine, and the finding is its.
    expect(compare(other, page())[0], kind).toMatchObject({ browser: 'chromium', kind });
  }
});

test('relative layout that flips (beside → below) is one finding; moving out of its container is one too', () => {
  const stacked = change(otherFonts(), 'button|Cancel|1', { box: [260, 440, 90, 32] });
  const flipped = compare(page(), stacked);
  expect(flipped).toHaveLength(1);
  expect(flipped[0]).toMatchObject({ browser: 'firefox', kind: 'moved', element: "button 'Cancel'", here: "below button 'Save'" });

  const outside = change(otherFonts(), 'textbox|Device name|1', { box: [900, 86, 260, 28] });
  const moved = compare(page(), outside);
  expect(moved).toHaveLength(1);
  expect(moved[0]).toMatchObject({ kind: 'moved', element: "textbox 'Device name'", here: "outside region 'Phone details'" });
});

test('repeated names are matched in order: the second "Delete" hidden is that one, not the first', () => {
  const rows = (hideSecond: boolean) => [
    el('button', 'Delete', [260, 100, 60, 24], {}, 1),
    el('button', 'Delete', [260, 140, 60, 24], { visible: !hideSecond }, 2),
    el('button', 'Delete', [260, 180, 60, 24], {}, 3),
  ];
  const findings = compare(rows(false), rows(true));
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ kind: 'hidden', boxes: { firefox: [260, 140, 60, 24] } });
});

test('a name that differs per run (an id) still matches the element in the same place; two different buttons stay two', () => {
  const withId = (id: string) => [...page(), el('link', `Job ${id}`, [240, 380, 120, 20])];
  expect(compare(withId('TK1dVI9n'), withId('YWACot5h').map((e) => ({ ...e, box: [e.box[0], e.box[1] + 1, e.box[2], e.box[3]] as Box })))).toEqual([]);
  const withButton = (name: string) => [...page(), el('button', name, [450, 400, 90, 32])];
  expect(compare(withButton('Retry'), withButton('Delete')).map((f) => [f.browser, f.kind, f.element])).toEqual([
    ['firefox', 'missing', "button 'Retry'"], ['chromium', 'missing', "button 'Delete'"],
  ]);
});

test('a hidden container and everything cut off by it are one finding; many elements with one cause are grouped', () => {
  const children = [1, 2, 3].map((i) => el('term', `Field ${i}`, [260, 90 + i * 20, 100, 18], { container: 'region|Invoice summary|1' }));
  const open = [el('region', 'Invoice summary', [240, 80, 600, 100]), ...children];
  const folded = [el('region', 'Invoice summary', [240, 80, 600, 0], { visible: false }), ...children.map((c) => ({ ...c, clippedBy: "region 'Invoice summary'" }))];
  const findings = compare(open, folded);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ kind: 'hidden', element: "region 'Invoice summary'", inside: 3 });
  expect(describeFinding(findings[0]!)).toBe("region 'Invoice summary' is hidden in firefox at step 'Add phone' — 3 elements inside cannot be seen");

  const covered = compare(page(), otherFonts().map((e) => (e.role === 'button' ? { ...e, coveredBy: 'dialog' } : e)));
  expect(covered).toHaveLength(1);
  expect(covered[0]).toMatchObject({ kind: 'covered', affected: 2, alsoAffected: ["button 'Cancel'"] });
  expect(describeFinding(covered[0]!)).toContain("button 'Save' (and 1 more) are covered by dialog");
});

test('three engines: the odd one out has the finding; an element shown in only one of them is that one\'s', () => {
  const views = (a: LayoutElement[], b: LayoutElement[], c: LayoutElement[]) => compareCheckpoint('x', [
    { browser: 'chromium', snapshot: snap(a) }, { browser: 'firefox', snapshot: snap(b) }, { browser: 'webkit', snapshot: snap(c) }]);
  expect(views(page(), otherFonts(), change(page(), 'button|Save|1', { visible: false })).map((f) => [f.browser, f.kind])).toEqual([['webkit', 'hidden']]);
  const banner = el('alert', 'Your browser is not supported', [240, 0, 600, 20]);
  expect(views([...page(), banner], page(), page()).map((f) => [f.browser, f.kind])).toEqual([['chromium', 'extra']]);
});

test('two engines: a message only one of them shows is that engine\'s ("shown only"), not "missing" in the other', () => {
  const alert = el('alert', "We can't connect your video", [240, 60, 600, 40]);
  const findings = compare(page(), [...otherFonts(), alert]);
  expect(findings.map((f) => [f.browser, f.kind, f.element])).toEqual([['firefox', 'extra', "alert 'We can't connect your video'"]]);
  expect(describeFinding(findings[0]!)).toBe("alert 'We can't connect your video' is shown only in firefox at step 'Add phone'");
});

test('checkpoints are compared step by step; a test that stopped early is compared where it got to; repeats are counted once', () => {
  const cp = (name: string, elements: LayoutElement[]) => ({ name, snapshot: snap(elements), screenshot: `test-results/${name}.jpeg` });
  const hidden = change(otherFonts(), 'button|Save|1', { visible: false });
  const findings = layoutFindingsOf([
    { browser: 'chromium', checkpoints: [cp('Open', page()), cp('Save', page()), cp('Check', page())] },
    { browser: 'firefox', checkpoints: [cp('Open', hidden), cp('Save', hidden)] },
  ]);
  expect(findings.map((f) => f.checkpoint)).toEqual(['Open', 'Save']);
  expect(findings[0]!.screenshots).toEqual({ chromium: 'test-results/Open.jpeg', firefox: 'test-results/Open.jpeg' });
  const once = onePerProblem(findings);
  expect(once).toHaveLength(1);
  expect(describeFinding(once[0]!)).toBe("button 'Save' is hidden in firefox at step 'Open' (and at 1 later checkpoint)");
});
