import type { LabMode } from '../../src/portals/definition';

/**
 * Phone Configuration › Owner User ID › "Select…". Broken mode is the page as older CUCM releases shipped it:
 * the lookup opens with window.showModalDialog, which every modern engine has removed (Chromium 43, Firefox 56, and
 * Safari) — the click throws and nothing opens, in every browser. Fixed mode opens the same "Find and List
 * Users" lookup in an in-page <dialog>, which every engine supports.
 */
export function ownerLookupScript(mode: LabMode): string {
  if (mode === 'broken') {
    return `document.getElementById('owner-lookup').addEventListener('click', () => {
  const picked = window.showModalDialog('/ccmadmin/userFindList.do?lookup=1', null, 'dialogWidth:640px;dialogHeight:480px');
  if (picked) document.getElementById('owner').value = picked;
});`;
  }
  return `const lookup = document.getElementById('user-lookup');
const results = document.getElementById('lookup-results');
async function findUsers() {
  const q = document.getElementById('lookup-query').value;
  const users = await (await fetch('/ccmadmin/api/users?q=' + encodeURIComponent(q))).json();
  results.replaceChildren(...users.map((u) => {
    const row = document.createElement('tr');
    for (const text of [u.userId, u.firstName, u.lastName]) { const cell = document.createElement('td'); cell.textContent = text; row.append(cell); }
    const cell = document.createElement('td'); const pick = document.createElement('button'); pick.type = 'button'; pick.textContent = 'Select';
    pick.setAttribute('aria-label', 'Select ' + u.userId);
    pick.addEventListener('click', () => { document.getElementById('owner').value = u.userId; lookup.close(); });
    cell.append(pick); row.append(cell); return row;
  }));
}
document.getElementById('owner-lookup').addEventListener('click', () => { lookup.showModal(); findUsers(); });
document.getElementById('lookup-find').addEventListener('click', findUsers);`;
}

/**
 * CDR Analysis and Reporting › Export: the month is an <input type=month>. Broken mode reads it with
 * valueAsDate, which only an engine that implements the month control fills in: Firefox (ESR 153) renders
 * type=month as a plain text box whose valueAsDate is null, so the export throws there — measured on this
 * machine. Fixed mode parses the YYYY-MM value, which works whatever control the engine shows.
 */
export function cdrExportScript(mode: LabMode): string {
  const readMonth = mode === 'broken'
    ? `const chosen = month.valueAsDate;
    return { year: chosen.getUTCFullYear(), month: chosen.getUTCMonth() + 1 };`
    : `const match = /^(\\d{4})-(\\d{1,2})$/.exec(month.value.trim());
    if (!match) throw new RangeError('Enter the month as YYYY-MM');
    return { year: Number(match[1]), month: Number(match[2]) };`;
  return `const month = document.getElementById('month');
const out = document.getElementById('export-result');
function chosenMonth() {
    ${readMonth}
}
document.getElementById('cdr-export').addEventListener('submit', async (event) => {
  event.preventDefault();
  out.replaceChildren();
  const show = (role, text) => { const box = document.createElement('div'); box.setAttribute('role', role); box.className = role === 'alert' ? 'error' : 'ok'; box.textContent = text; out.append(box); };
  try {
    const { year, month: m } = chosenMonth();
    const answer = await (await fetch('/car/api/export?year=' + year + '&month=' + m, { method: 'POST' })).json();
    if (answer.error) return show('alert', answer.error);
    show('status', 'Export complete: ' + answer.records + ' CDR records for ' + answer.period + ' (' + answer.file + ')');
  } catch (error) {
    // As a portal with an error monitor does: report it, then tell the user something generic.
    reportError(error);
    show('alert', 'CDR export failed. Check the month and try again.');
  }
});`;
}
