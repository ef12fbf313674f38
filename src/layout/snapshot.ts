/** A layout snapshot of the visible page: what a user sees or uses, with where each thing is drawn. */

/** [x, y, width, height] in CSS pixels, page coordinates (the viewport's scroll added). */
export type Box = [number, number, number, number];

export interface LayoutElement {
  /** role + name + occurrence among equal role and name: the key elements are matched by across engines. */
  key: string;
  role: string;
  name: string;
  box: Box;
  /** Drawn with a size and not hidden (display, visibility, opacity, content-visibility). */
  visible: boolean;
  /** Less than half of it shows inside an ancestor that cuts off its overflow (that ancestor, described). */
  clippedBy?: string;
  /** Another element is drawn over its centre (that element, described); absent when its centre is out of view. */
  coveredBy?: string;
  /** Entirely left of or above the page, or right of its width: nobody can scroll to it. */
  offScreen?: boolean;
  /** Its own text overflows its box and is cut off (overflow hidden / ellipsis). */
  textCut?: boolean;
  /** Key of the nearest enclosing landmark, region, form, table or dialog. */
  container?: string;
}

export interface LayoutSnapshot {
  path: string;
  viewport: [number, number];
  scroll: [number, number];
  elements: LayoutElement[];
  /** More candidates than the bound: the rest were not recorded. */
  truncated?: boolean;
}

export const MAX_ELEMENTS = 300;

/*
 * The collector runs in the page. It is kept as JavaScript text: TypeScript loaders add helpers to named
 * functions (esbuild's __name) that do not exist in the page. Both engines run the same code, so the names
 * it derives match across engines whatever its simplifications of the accessible-name rules.
 */
const COLLECTOR = String.raw`(max) => {
  const SELECTOR = 'a[href],button,input:not([type=hidden]),select,textarea,summary,h1,h2,h3,h4,h5,h6,img[alt],dt,dd,th,label,nav,main,header,footer,aside,form,dialog,table,section[aria-label],section[aria-labelledby],fieldset,legend,iframe,[role]';
  const IMPLICIT = { A: 'link', BUTTON: 'button', SELECT: 'combobox', TEXTAREA: 'textbox', SUMMARY: 'button', H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading', IMG: 'img', DT: 'term', DD: 'definition', TH: 'columnheader', LABEL: 'label', NAV: 'navigation', MAIN: 'main', HEADER: 'banner', FOOTER: 'contentinfo', ASIDE: 'complementary', FORM: 'form', DIALOG: 'dialog', TABLE: 'table', SECTION: 'region', FIELDSET: 'group', LEGEND: 'legend', IFRAME: 'iframe' };
  const INPUT = { checkbox: 'checkbox', radio: 'radio', button: 'button', submit: 'button', reset: 'button', image: 'button', range: 'slider', number: 'spinbutton', search: 'searchbox' };
  const CONTAINERS = new Set(['navigation', 'main', 'banner', 'contentinfo', 'complementary', 'form', 'dialog', 'table', 'region', 'group', 'tabpanel', 'alertdialog', 'list', 'menu', 'toolbar', 'grid']);
  const TEXTY = new Set(['button', 'link', 'heading', 'term', 'definition', 'columnheader', 'cell', 'label', 'tab', 'menuitem', 'option', 'status', 'alert']);
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, 60);
  const roleOf = (el) => el.getAttribute('role')?.split(' ')[0] || (el.tagName === 'INPUT' ? INPUT[el.type] || 'textbox' : IMPLICIT[el.tagName] || el.tagName.toLowerCase());
  const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ');
  const nameOf = (el, role) => {
    const label = el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') ? byIds(el.getAttribute('aria-labelledby')) : '');
    if (label) return clean(label);
    if (el.labels && el.labels.length) return clean(el.labels[0].textContent);
    if (el.tagName === 'IMG') return clean(el.alt);
    if (el.tagName === 'FIELDSET') return clean(el.querySelector('legend')?.textContent);
    if (el.tagName === 'TABLE') return clean(el.caption?.textContent || el.title);
    if (CONTAINERS.has(role) || role === 'iframe' || role === 'textbox' || role === 'combobox' || role === 'searchbox' || role === 'spinbutton') return clean(el.title || el.placeholder || '');
    if (el.tagName === 'INPUT') return clean(el.value || el.title);
    return clean(el.textContent || el.title);
  };
  const all = [...document.querySelectorAll(SELECTOR)];
  const candidates = all.slice(0, max);
  const info = new Map();
  for (const el of candidates) { const role = roleOf(el); info.set(el, { role, name: nameOf(el, role) }); }
  const describe = (el) => {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const i = info.get(e);
      if (i) return i.name ? i.role + " '" + i.name + "'" : i.role;
    }
    return el.tagName.toLowerCase();
  };
  const clipping = new Map();
  const clips = (a) => {
    let c = clipping.get(a);
    if (c === undefined) { const s = getComputedStyle(a); c = /hidden|clip/.test(s.overflowX + ' ' + s.overflowY); clipping.set(a, c); }
    return c;
  };
  const vw = innerWidth, vh = innerHeight, sx = scrollX, sy = scrollY;
  const pageWidth = Math.max(document.documentElement.scrollWidth, vw);
  const counts = new Map();
  const keyOf = new Map();
  for (const el of candidates) {
    const i = info.get(el);
    const base = i.role + '|' + i.name;
    const n = (counts.get(base) || 0) + 1;
    counts.set(base, n);
    keyOf.set(el, base + '|' + n);
  }
  const elements = candidates.map((el) => {
    const { role, name } = info.get(el);
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const visible = r.width > 0 && r.height > 0 && (el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) : style.visibility !== 'hidden');
    const out = { key: keyOf.get(el), role, name, box: [Math.round(r.x + sx), Math.round(r.y + sy), Math.round(r.width), Math.round(r.height)], visible };
    for (let c = el.parentElement; c; c = c.parentElement) {
      const k = keyOf.get(c);
      if (k && CONTAINERS.has(info.get(c).role)) { out.container = k; break; }
    }
    if (!visible) return out;
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      if (!clips(a)) continue;
      const c = a.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, c.right) - Math.max(r.left, c.left));
      const h = Math.max(0, Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top));
      if (w * h < 0.5 * r.width * r.height) { out.clippedBy = describe(a); break; }
    }
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    if (!out.clippedBy && cx >= 0 && cy >= 0 && cx < vw && cy < vh) {
      const hit = document.elementFromPoint(cx, cy);
      const related = !hit || hit === el || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].includes(hit)) || (hit.tagName === 'LABEL' && hit.control === el);
      if (!related) out.coveredBy = describe(hit);
    }
    if (r.right + sx <= 0 || r.bottom + sy <= 0 || r.left + sx >= pageWidth) out.offScreen = true;
    if (TEXTY.has(role) && el.clientWidth > 0) {
      const cutX = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 4;
      const cutY = style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 4;
      if (cutX || cutY) out.textCut = true;
    }
    return out;
  });
  return { path: location.pathname, viewport: [vw, vh], scroll: [Math.round(sx), Math.round(sy)], elements, truncated: all.length > max || undefined };
}`;

/**
 * One round trip per checkpoint: waits for finite animations (bounded: a panel mid-transition is not a layout
 * difference) and two frames, then compares the screen's signature — address, number of elements, length of the
 * visible text, scroll — with the previous checkpoint's: the same screen is not collected again.
 */
const CHECKPOINT = String.raw`async (previous, max) => {
  await Promise.race([
    Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
    new Promise((r) => setTimeout(r, 1000)),
  ]);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const signature = location.href + '|' + document.getElementsByTagName('*').length + '|' + (document.body ? document.body.innerText.length : 0) + '|' + scrollX + ',' + scrollY;
  if (signature === previous) return { signature };
  return { signature, snapshot: (COLLECTOR)(max) };
}`;

/** The in-page checkpoint: `{ signature }` when the screen is unchanged since `previous`, else with the snapshot. */
export const checkpointSource = (previous: string | undefined, max = MAX_ELEMENTS): string =>
  `(${CHECKPOINT.replace('COLLECTOR', COLLECTOR)})(${JSON.stringify(previous ?? null)}, ${max})`;
