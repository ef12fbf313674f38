import { alert, html, raw, shell, table, type RawHtml } from '../shared/html';

export const PRODUCT = 'Cisco Prime Collaboration Deployment';
const ACCENT = '#005073';

const NAV = html`<nav class="side" id="side-nav" aria-label="Main navigation">
  <h2>Inventory</h2>
  <a href="/inventory/clusters">Clusters</a><a href="/inventory/esxi-hosts">ESXi Hosts</a><a href="/inventory/sftp">SFTP Servers and Datastore</a>
  <h2>Task</h2>
  <a href="/task/migrate">Migrate</a><a href="/task/upgrade">Upgrade</a><a href="/task/switch-versions">Switch Versions</a>
  <a href="/task/server-restart">Server Restart</a><a href="/task/readdress">Readdress</a><a href="/task/install">Install</a>
  <h2>Monitoring</h2>
  <a href="/monitoring">Monitoring</a><a href="/monitoring/database">Database Replication</a>
  <h2>Administration</h2>
  <a href="/administration">Administration</a>
</nav>`;

export function pcdPage(title: string, user: string | undefined, body: RawHtml, script?: string): string {
  return shell({ title, product: PRODUCT, accent: ACCENT, nav: user ? NAV : undefined, user, menuButton: user ? 'Open and close navigation' : undefined, body, script });
}

export const status = (message: string | undefined): RawHtml | string =>
  message ? html`<div role="status" class="ok">${message}</div>` : '';

export function loginView(error?: string, next = '/'): string {
  return pcdPage('Log In', undefined, html`<div class="card" style="max-width:420px;margin:40px auto">
  <h2>Log In</h2>${alert(error)}
  <form method="post" action="/login">
    <input type="hidden" name="next" value="${next}">
    <label for="username">Username</label><input id="username" name="username" autocomplete="username">
    <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
    <div class="actions"><button type="submit">Log In</button></div>
  </form></div>`);
}

export function logonMessageView(next = '/'): string {
  return pcdPage('Logon Message', undefined, html`<div class="card" style="max-width:560px;margin:40px auto">
  <h2>Logon Message</h2>
  <p>This system is for authorized use only. Activity is logged and monitored.</p>
  <form method="post" action="/logon-message?next=${encodeURIComponent(next)}"><div class="actions"><button type="submit">Acknowledge</button></div></form></div>`);
}

export function placeholderView(user: string, title: string): string {
  return pcdPage(title, user, html`<h2>${title}</h2><div class="card"><p class="muted">No items to display.</p></div>`);
}

export const field = (id: string, label: string, value = '', type = 'text'): RawHtml =>
  html`<label for="${id}">${label}</label><input id="${id}" name="${id}" type="${type}" value="${value}">`;

export { raw, alert, table };
