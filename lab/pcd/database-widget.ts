import type { LabMode } from '../../src/portals/definition';

/**
 * The replication status widget's browser code. Broken mode reproduces the seed: it asks the browser for
 * User-Agent Client Hints without checking that the API exists, so in engines without
 * navigator.userAgentData the query never happens and the page shows "database access error".
 * Spoofing the user-agent string changes nothing: the API is either there or not.
 */
export function databaseWidgetScript(mode: LabMode): string {
  const clientContext = mode === 'fixed'
    ? `async function clientContext() {
  if (navigator.userAgentData) {
    const hints = await navigator.userAgentData.getHighEntropyValues(['platform', 'platformVersion']);
    return hints.platform + ' ' + hints.platformVersion;
  }
  return navigator.platform || 'unknown';
}`
    : `async function clientContext() {
  const hints = await navigator.userAgentData.getHighEntropyValues(['platform', 'platformVersion']);
  return hints.platform + ' ' + hints.platformVersion;
}`;
  return `${clientContext}
const table = document.querySelector('table[aria-label="Database replication"] tbody');
const banner = document.getElementById('db-banner');
function render(nodes) {
  table.replaceChildren(...nodes.map((n) => {
    const tr = document.createElement('tr');
    for (const value of [n.host, n.role, n.connection]) { const td = document.createElement('td'); td.textContent = value; tr.append(td); }
    return tr;
  }));
}
async function refresh() {
  const cluster = document.getElementById('cluster').value;
  banner.replaceChildren();
  try {
    const platform = await clientContext();
    const res = await fetch('/api/replication?cluster=' + encodeURIComponent(cluster), { headers: { 'X-Client-Platform': platform } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error);
    render(body.nodes);
    if (body.splitBrain) banner.innerHTML = '<div role="alert" class="error">Replication split brain: more than one node claims the Primary role. Connection status unknown.</div>';
    else banner.innerHTML = '<div role="status" class="ok">Database replication is healthy.</div>';
  } catch (error) {
    // Report it as uncaught (the standard reportError), as widgets that feed an error monitor do.
    reportError(error);
    banner.innerHTML = '<div role="alert" class="error">Database access error: unable to read the replication status. Connection status unknown.</div>';
    render([...document.querySelectorAll('#cluster option:checked')].flatMap((o) => o.dataset.nodes.split(';')).map((host) => ({ host, role: 'Unknown', connection: 'connection status unknown' })));
  }
  document.getElementById('checked').textContent = 'Checked ' + new Date().toLocaleTimeString();
}
document.getElementById('check').addEventListener('click', refresh);
refresh();`;
}
