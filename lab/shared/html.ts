/** Minimal safe HTML templating: interpolated values are escaped unless wrapped with raw(). */
export class RawHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (value: string): RawHtml => new RawHtml(value);

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(value: unknown): string {
  if (value instanceof RawHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  return raw(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

export interface PageShell {
  title: string;
  product: string;
  /** Accent colour of the vendor's header bar. */
  accent: string;
  nav?: RawHtml;
  body: RawHtml;
  script?: string;
}

export function page({ title, product, accent, body, script }: PageShell): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} – ${escapeHtml(product)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
:root { --accent: ${accent}; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328; background: #f3f4f6; }
header.top { background: var(--accent); color: #fff; display: flex; align-items: center; gap: 12px; padding: 10px 18px; }
header.top h1 { font-size: 16px; margin: 0; font-weight: 600; }
header.top .user { margin-left: auto; font-size: 13px; opacity: .9; }
header.top button { background: transparent; border: 1px solid rgba(255,255,255,.5); color: #fff; border-radius: 4px; padding: 4px 8px; cursor: pointer; }
.layout { display: flex; min-height: calc(100vh - 44px); }
nav.side { width: 230px; background: #fff; border-right: 1px solid #d0d7de; padding: 12px 0; }
nav.side[hidden] { display: none; }
nav.side h2 { font-size: 12px; text-transform: uppercase; color: #57606a; margin: 14px 18px 4px; }
nav.side a { display: block; padding: 5px 18px; color: #1f2328; text-decoration: none; }
nav.side a:hover { background: #f0f3f6; }
main { flex: 1; padding: 22px 28px; max-width: 1100px; }
main h2 { margin-top: 0; font-weight: 600; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 18px; margin-bottom: 16px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e5e7eb; }
th { background: #f6f8fa; font-weight: 600; }
label { display: block; margin: 10px 0 4px; font-weight: 500; }
input[type=text], input[type=password], input[type=email], input:not([type]), select { width: 100%; max-width: 380px; padding: 7px 9px; border: 1px solid #8c959f; border-radius: 4px; font: inherit; }
button, .button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 8px 14px; font: inherit; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
button:disabled { opacity: .45; cursor: not-allowed; }
.actions { display: flex; gap: 10px; margin-top: 16px; flex-wrap: wrap; }
[role=alert].error { background: #fff1f0; border: 1px solid #cf222e; color: #82071e; padding: 10px 14px; border-radius: 4px; margin-bottom: 14px; }
[role=status].ok, .ok-banner { background: #eafbea; border: 1px solid #1a7f37; color: #0f5323; padding: 10px 14px; border-radius: 4px; margin-bottom: 14px; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; border-radius: 4px; margin-bottom: 14px; font-size: 13px; }
dl.summary { display: grid; grid-template-columns: 200px 1fr; gap: 6px 16px; margin: 0; }
dl.summary dt { color: #57606a; }
dl.summary dd { margin: 0; font-weight: 500; }
.muted { color: #57606a; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid #d0d7de; margin-bottom: 14px; }
.tabs a { padding: 8px 14px; text-decoration: none; color: #1f2328; border-bottom: 2px solid transparent; }
.tabs a[aria-selected=true] { border-bottom-color: var(--accent); font-weight: 600; }
</style></head>
<body>${render(body)}${script ? `<script>\n${script}\n</script>` : ''}</body></html>`;
}

/** The common admin shell: vendor header, optional navigation, main content. */
export function shell(opts: PageShell & { user?: string; menuButton?: string }): string {
  const header = html`<header class="top">
  ${opts.menuButton ? html`<button type="button" aria-label="${opts.menuButton}" aria-controls="side-nav" aria-expanded="true" id="menu-toggle">☰</button>` : ''}
  <h1>${opts.product}</h1>${opts.user ? html`<span class="user">Signed in as ${opts.user}</span>` : ''}</header>`;
  const body = html`${header}<div class="layout">${opts.nav ?? ''}<main>${opts.body}</main></div>`;
  const toggle = opts.menuButton
    ? `document.getElementById('menu-toggle').addEventListener('click', (e) => { const nav = document.getElementById('side-nav'); nav.hidden = !nav.hidden; e.currentTarget.setAttribute('aria-expanded', String(!nav.hidden)); });\n`
    : '';
  return page({ ...opts, body, script: toggle + (opts.script ?? '') });
}

/** The portal's error banner (role=alert), or nothing. */
export const alert = (message: string | undefined): RawHtml | string =>
  message ? html`<div role="alert" class="error">${message}</div>` : '';

/** A labelled data table; `empty` is the vendor's own words for no rows. */
export function table(caption: string, headers: string[], rows: (string | RawHtml)[][], empty = 'No items to display.'): RawHtml {
  return html`<table aria-label="${caption}"><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
  <tbody>${rows.length ? rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`) : html`<tr><td colspan="${headers.length}" class="muted">${empty}</td></tr>`}</tbody></table>`;
}
