import { alert, html, page, raw, table as sharedTable, type RawHtml } from '../shared/html';

export const PRODUCT = 'Cisco Unified CM Administration';
const ACCENT = '#049fd9';

/** The applications in the top-right "Navigation" drop-down, and where each one lives. */
export const APPLICATIONS: [string, string][] = [
  ['Cisco Unified CM Administration', '/ccmadmin/showHome.do'],
  ['Cisco Unified Serviceability', '/ccmservice/'],
  ['Cisco Unified Reporting', '/cucreports/'],
  ['Cisco Unified OS Administration', '/cmplatform/'],
  ['Disaster Recovery System', '/drf/'],
];

/** The administration menu bar, as in Cisco's UI (the items the lab implements are links; the rest are inert). */
const MENUS: [string, [string, string | undefined][]][] = [
  ['System', [['Server', undefined], ['Cisco Unified CM', undefined]]],
  ['Call Routing', [['Route Plan Report', undefined]]],
  ['Media Resources', [['Media Resource Group', undefined]]],
  ['Advanced Features', [['Voice Mail', undefined]]],
  ['Device', [['Phone', '/ccmadmin/phoneFindList.do'], ['Gateway', undefined]]],
  ['Application', [['Plugins', undefined]]],
  ['User Management', [['End User', '/ccmadmin/userFindList.do'], ['Application User', undefined]]],
  ['Bulk Administration', [['Phones', undefined]]],
  ['Help', [['Contents', undefined]]],
];

const STYLE = `<style>
.menubar { display: flex; gap: 2px; background: #e8eef2; border-bottom: 1px solid #b9c6cf; padding: 0 12px; }
.menubar .menu { position: relative; }
.menubar .menu > button { background: transparent; color: #1f2328; border-radius: 0; padding: 8px 12px; }
.menubar ul[role=menu] { position: absolute; z-index: 5; list-style: none; margin: 0; padding: 4px 0; background: #fff; border: 1px solid #b9c6cf; min-width: 190px; }
.menubar ul[role=menu] a, .menubar ul[role=menu] span { display: block; padding: 5px 14px; color: #1f2328; text-decoration: none; }
.menubar ul[role=menu] span { color: #8c959f; }
.appnav { margin-left: auto; display: flex; gap: 6px; align-items: center; }
.appnav select { width: auto; }
dialog { border: 1px solid #8c959f; border-radius: 6px; min-width: 520px; }
</style>`;

const MENU_SCRIPT = `for (const button of document.querySelectorAll('.menubar .menu > button')) {
  button.addEventListener('click', () => {
    const list = button.nextElementSibling; const open = list.hidden;
    for (const other of document.querySelectorAll('.menubar ul[role=menu]')) { other.hidden = true; other.previousElementSibling.setAttribute('aria-expanded', 'false'); }
    list.hidden = !open; button.setAttribute('aria-expanded', String(open));
  });
}
document.getElementById('app-go')?.addEventListener('click', () => { location.href = document.getElementById('app-nav').value; });`;

function header(product: string, user: string | undefined, menus: boolean): RawHtml {
  const appNav = user ? html`<div class="appnav"><label for="app-nav" style="margin:0;color:#fff">Navigation</label>
    <select id="app-nav">${APPLICATIONS.map(([name, href]) => html`<option value="${href}" ${name === product ? 'selected' : ''}>${name}</option>`)}</select>
    <button type="button" class="secondary" id="app-go">Go</button></div>` : '';
  const bar = menus && user ? html`<nav class="menubar" aria-label="Administration menus">${MENUS.map(([name, items]) => html`<div class="menu">
    <button type="button" aria-haspopup="menu" aria-expanded="false">${name}</button>
    <ul role="menu" hidden aria-label="${name}">${items.map(([label, href]) => html`<li role="none">${href ? html`<a role="menuitem" href="${href}">${label}</a>` : html`<span role="menuitem" aria-disabled="true">${label}</span>`}</li>`)}</ul></div>`)}</nav>` : '';
  return html`<header class="top"><h1>${product}</h1>${user ? html`<span class="user">${user}</span>` : ''}${appNav}</header>${bar}`;
}

/** A page of one of the CUCM web applications: header with the Navigation drop-down, menus when signed in. */
export function cucmPage(opts: { title: string; product?: string; user?: string; menus?: boolean; body: RawHtml; script?: string }): string {
  const product = opts.product ?? PRODUCT;
  return page({
    title: opts.title, product, accent: ACCENT,
    body: html`${raw(STYLE)}${header(product, opts.user, opts.menus ?? product === PRODUCT)}<main>${opts.body}</main>`,
    script: `${MENU_SCRIPT}\n${opts.script ?? ''}`,
  });
}

export const status = (message: string | undefined): RawHtml | string => (message ? html`<div role="status" class="ok">Status: ${message}</div>` : '');

/** Cisco's tables say "No records found" when empty. */
export const table = (caption: string, headers: string[], rows: (string | RawHtml)[][]): RawHtml => sharedTable(caption, headers, rows, 'No records found');
export { alert };

export const select = (id: string, label: string, options: string[], chosen = ''): RawHtml =>
  html`<label for="${id}">${label}</label><select id="${id}" name="${id}">${options.map((o) => html`<option ${o === chosen ? 'selected' : ''}>${o}</option>`)}</select>`;

export const field = (id: string, label: string, value = '', extra: RawHtml | string = ''): RawHtml =>
  html`<label for="${id}">${label}</label><input id="${id}" name="${id}" value="${value}">${extra}`;
