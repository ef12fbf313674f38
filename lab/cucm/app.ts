import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LabAppContext, RunningLabApp } from '../../src/portals/definition';
import { loadEndUsers, loadNodes, loadPhones, REPLICATION_STATES, type Phone } from '../../pages/cucm/data';
import { createApp, listenLab, requireSession, safeNext, sessionOf } from '../shared/app';
import { ScopedState, SessionStore, labSessionFile } from '../shared/sessions';
import { html, type RawHtml } from '../shared/html';
import { alert, APPLICATIONS, cucmPage, field, PRODUCT, select, status, table } from './views';
import { cdrExportScript, ownerLookupScript } from './scripts';

const str = { type: 'string', maxLength: 200 } as const;
const MODELS = ['Cisco 7841', 'Cisco 8841', 'Cisco 8845', 'Cisco 8865'];
const DEVICE_POOLS = ['Default', 'HQ-Phones', 'Branch-Phones'];
const SERVICEABILITY = 'Cisco Unified Serviceability';
const REPORTING = 'Cisco Unified Reporting';
const LOGIN = '/ccmadmin/showLogin.do';

type LabPhone = Omit<Phone, 'in_lab'>;

export async function startCucmLab(ctx: LabAppContext): Promise<RunningLabApp> {
  return listenLab(await cucmApp(ctx), ctx);
}

/**
 * Cisco Unified CM Administration and its sibling applications (Serviceability, Unified Reporting) on one
 * HTTPS origin, as on the publisher node. Phones added in a test live in that test's lab scope.
 */
export async function cucmApp(ctx: LabAppContext): Promise<FastifyInstance> {
  const app = await createApp({ mode: ctx.mode, down: ctx.down, product: PRODUCT, tls: ctx.tls });
  const users = loadEndUsers();
  const nodes = loadNodes();
  const seedPhones = loadPhones().filter((p) => p.in_lab).map(({ in_lab: _existing, ...phone }) => phone);
  const phones = new ScopedState<LabPhone[]>(() => seedPhones.map((p) => ({ ...p })));
  const sessions = new SessionStore('JSESSIONIDSSO', labSessionFile('JSESSIONIDSSO', ctx.port));

  // Every application page needs a session: pages go to the sign-in page, APIs and form posts answer 401.
  const auth = { preValidation: requireSession(sessions, { signInPath: LOGIN }) };
  const send = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html').send(body);

  app.get('/', async (_req, reply) => send(reply, cucmPage({ title: 'Installed Applications', menus: false, body: html`<h2>Installed Applications</h2>
    <div class="card"><ul>${APPLICATIONS.slice(0, 3).map(([name, href]) => html`<li><a href="${href}">${name === PRODUCT ? 'Cisco Unified Communications Manager' : name}</a></li>`)}</ul>
    <p class="muted">Platform Applications: Disaster Recovery System, Cisco Unified Communications OS Administration</p></div>` })));

  const loginView = (error?: string, next = '/ccmadmin/showHome.do') => cucmPage({ title: 'Login', menus: false, body: html`<div class="card" style="max-width:420px;margin:40px auto">
    <h2>Cisco Unified CM Administration</h2>${alert(error)}
    <form method="post" action="/ccmadmin/j_security_check"><input type="hidden" name="next" value="${next}">
      <label for="username">Username</label><input id="username" name="j_username" autocomplete="username">
      <label for="password">Password</label><input id="password" name="j_password" type="password" autocomplete="current-password">
      <div class="actions"><button type="submit">Login</button><button type="reset" class="secondary">Reset</button></div></form></div>` });
  app.get(LOGIN, async (req, reply) => send(reply, loginView(undefined, safeNext((req.query as { next?: string }).next ?? '/ccmadmin/showHome.do'))));
  app.post('/ccmadmin/j_security_check', { schema: { body: { type: 'object', required: ['j_username', 'j_password'], properties: { j_username: str, j_password: str, next: str } } } }, async (req, reply) => {
    const body = req.body as { j_username: string; j_password: string; next?: string };
    if (body.j_username !== ctx.credentials.username || body.j_password !== ctx.credentials.password) {
      return send(reply, loginView('Login failed. Please check the username and password.', safeNext(body.next)), 401);
    }
    sessions.create(reply, body.j_username);
    return reply.redirect(safeNext(body.next) === '/' ? '/ccmadmin/showHome.do' : safeNext(body.next), 303);
  });
  app.get('/ccmadmin/logout.do', async (req, reply) => {
    sessions.destroy(req, reply);
    return reply.redirect(LOGIN);
  });

  const admin = (user: string, title: string, body: RawHtml, script?: string) => cucmPage({ title, user, body, script });
  app.get('/ccmadmin/showHome.do', auth, async (req, reply) => {
    return send(reply, admin(sessionOf(req).user, 'Cisco Unified CM Administration', html`<h2>Cisco Unified CM Administration</h2>
      <div class="card"><p>System version: 15.0.1.12900-234</p><p class="muted">VMware Installation: 2 vCPU Intel(R) Xeon(R), 8 GB RAM</p>
      <p>Last Successful Logon: ${new Date().toUTCString()}</p></div>`));
  });

  // Device › Phone › Find and List Phones.
  app.get('/ccmadmin/phoneFindList.do', { ...auth, schema: { querystring: { type: 'object', properties: { q: str, status: str } } } }, async (req, reply) => {
    const user = sessionOf(req).user;
    const { q, status: done } = req.query as { q?: string; status?: string };
    const found = q === undefined ? [] : phones.for(req).filter((p) => p.device_name.toUpperCase().startsWith(q.trim().toUpperCase()));
    return send(reply, admin(user, 'Find and List Phones', html`<h2>Find and List Phones</h2>${status(done)}
      <form method="get" class="card" aria-label="Phone search">Find Phone where
        <select aria-label="Find Phone where" name="field"><option>Device Name</option><option>Description</option></select>
        <select aria-label="Condition" name="op"><option>begins with</option><option>contains</option></select>
        <input aria-label="Search text" name="q" value="${q ?? ''}" style="width:220px"> <button type="submit">Find</button>
        <a class="button secondary" href="/ccmadmin/phoneAdd.do">Add New</a></form>
      ${q === undefined ? html`<p class="muted">Enter search criteria and click Find.</p>` : table('Phones', ['Device Name', 'Description', 'Device Pool', 'Device Protocol', 'Owner'],
        found.map((p) => [html`<a href="/ccmadmin/phoneEdit.do?name=${p.device_name}">${p.device_name}</a>`, p.description, p.device_pool, p.protocol, p.owner]))}`));
  });

  // Device › Phone › Add New: Phone Type → Device Protocol → Phone Configuration.
  app.get('/ccmadmin/phoneAdd.do', { ...auth, schema: { querystring: { type: 'object', properties: { model: str, protocol: str } } } }, async (req, reply) => {
    const user = sessionOf(req).user;
    const { model, protocol } = req.query as { model?: string; protocol?: string };
    if (!model || !MODELS.includes(model)) {
      return send(reply, admin(user, 'Add a New Phone', html`<h2>Add a New Phone</h2><form method="get" class="card">${select('model', 'Phone Type', MODELS)}
        <div class="actions"><button type="submit">Next</button></div></form>`));
    }
    if (protocol !== 'SIP' && protocol !== 'SCCP') {
      return send(reply, admin(user, 'Add a New Phone', html`<h2>Add a New Phone</h2><form method="get" class="card"><input type="hidden" name="model" value="${model}">
        <p>Phone Type: ${model}</p>${select('protocol', 'Select the device protocol', ['SIP', 'SCCP'])}
        <div class="actions"><button type="submit">Next</button></div></form>`));
    }
    return send(reply, phoneConfiguration(user, { device_name: '', model, protocol, description: '', device_pool: 'Default', owner: '' }, true));
  });

  const phoneConfiguration = (user: string, phone: LabPhone, isNew: boolean, outcome?: { error?: string; ok?: string }) => admin(user, 'Phone Configuration', html`
    <h2>Phone Configuration</h2>${alert(outcome?.error)}${status(outcome?.ok)}
    <form method="post" action="/ccmadmin/phoneSave.do" class="card">
      <input type="hidden" name="isNew" value="${isNew ? 'yes' : 'no'}"><input type="hidden" name="model" value="${phone.model}"><input type="hidden" name="protocol" value="${phone.protocol}">
      <p>Product Type: ${phone.model} · Device Protocol: ${phone.protocol}</p>
      ${isNew ? field('deviceName', 'Device Name', phone.device_name) : html`<p>Device Name: <strong>${phone.device_name}</strong></p><input type="hidden" name="deviceName" value="${phone.device_name}">`}
      ${field('description', 'Description', phone.description)}
      ${select('devicePool', 'Device Pool', DEVICE_POOLS, phone.device_pool)}
      ${select('buttonTemplate', 'Phone Button Template', [`Standard ${phone.model.replace('Cisco ', '')} ${phone.protocol}`])}
      ${field('owner', 'Owner User ID', phone.owner, html` <button type="button" class="secondary" id="owner-lookup">Select…</button>`)}
      <div class="actions"><button type="submit">Save</button></div></form>
    ${ctx.mode === 'fixed' ? html`<dialog id="user-lookup" aria-label="Find and List Users"><h3>Find and List Users</h3>
      <label for="lookup-query">User ID begins with</label><input id="lookup-query"> <button type="button" id="lookup-find">Find</button>
      <table aria-label="Users"><thead><tr><th>User ID</th><th>First Name</th><th>Last Name</th><th></th></tr></thead><tbody id="lookup-results"></tbody></table>
      <form method="dialog"><button class="secondary">Close</button></form></dialog>` : ''}`, ownerLookupScript(ctx.mode));

  app.get('/ccmadmin/phoneEdit.do', { ...auth, schema: { querystring: { type: 'object', required: ['name'], properties: { name: str, status: str } } } }, async (req, reply) => {
    const user = sessionOf(req).user;
    const { name, status: done } = req.query as { name: string; status?: string };
    const phone = phones.for(req).find((p) => p.device_name === name);
    if (!phone) return send(reply, admin(user, 'Phone Configuration', html`<h2>Phone Configuration</h2>${alert(`No phone named ${name}.`)}`), 404);
    return send(reply, phoneConfiguration(user, phone, false, { ok: done }));
  });

  const phoneBody = { type: 'object', required: ['deviceName', 'model', 'protocol', 'isNew'], properties: {
    deviceName: str, model: str, protocol: str, isNew: str, description: str, devicePool: str, owner: str, buttonTemplate: str } } as const;
  app.post('/ccmadmin/phoneSave.do', { ...auth, schema: { body: phoneBody } }, async (req, reply) => {
    const user = sessionOf(req).user;
    const b = req.body as Record<string, string | undefined>;
    const phone: LabPhone = {
      device_name: (b.deviceName ?? '').trim().toUpperCase(), model: b.model!, protocol: b.protocol === 'SCCP' ? 'SCCP' : 'SIP',
      description: b.description?.trim() ?? '', device_pool: DEVICE_POOLS.includes(b.devicePool ?? '') ? b.devicePool! : 'Default', owner: b.owner?.trim() ?? '',
    };
    const list = phones.for(req);
    const refuse = (error: string) => send(reply, phoneConfiguration(user, phone, b.isNew === 'yes', { error }), 400);
    if (!/^SEP[0-9A-F]{12}$/.test(phone.device_name)) return refuse('Device Name must be SEP followed by the 12 hexadecimal digits of the MAC address.');
    if (!MODELS.includes(phone.model)) return refuse('Select a valid Phone Type.');
    if (phone.owner && !users.some((u) => u.user_id === phone.owner)) return refuse(`Owner User ID ${phone.owner} does not exist.`);
    const existing = list.find((p) => p.device_name === phone.device_name);
    if (b.isNew === 'yes') {
      if (existing) return refuse('A phone with this name already exists.');
      list.push(phone);
      return reply.redirect(`/ccmadmin/phoneEdit.do?name=${phone.device_name}&status=${encodeURIComponent('Add successful')}`, 303);
    }
    if (!existing) return refuse(`No phone named ${phone.device_name}.`);
    Object.assign(existing, phone);
    return reply.redirect(`/ccmadmin/phoneEdit.do?name=${phone.device_name}&status=${encodeURIComponent('Update successful')}`, 303);
  });

  // User Management › End User › Find and List Users (also the owner lookup's data).
  const findUsers = (q = '') => users.filter((u) => u.user_id.toLowerCase().startsWith(q.trim().toLowerCase()));
  app.get('/ccmadmin/userFindList.do', { ...auth, schema: { querystring: { type: 'object', properties: { q: str, lookup: str } } } }, async (req, reply) => {
    const user = sessionOf(req).user;
    const { q } = req.query as { q?: string };
    return send(reply, admin(user, 'Find and List Users', html`<h2>Find and List Users</h2>
      <form method="get" class="card" aria-label="User search">Find User where
        <select aria-label="Find User where" name="field"><option>User ID</option><option>Last name</option></select>
        <select aria-label="Condition" name="op"><option>begins with</option></select>
        <input aria-label="Search text" name="q" value="${q ?? ''}" style="width:220px"> <button type="submit">Find</button>
        <a class="button secondary" href="#" aria-disabled="true">Add New</a></form>
      ${q === undefined ? html`<p class="muted">Enter search criteria and click Find.</p>` : table('Users', ['User ID', 'First Name', 'Last Name', 'Department'],
        findUsers(q).map((u) => [u.user_id, u.first_name, u.last_name, u.department]))}`));
  });
  app.get('/ccmadmin/api/users', { ...auth, schema: { querystring: { type: 'object', properties: { q: str } } } }, async (req) => {
    return findUsers((req.query as { q?: string }).q).map((u) => ({ userId: u.user_id, firstName: u.first_name, lastName: u.last_name }));
  });

  // Cisco Unified Reporting › System Reports › Unified CM Database Status.
  app.get('/cucreports/', auth, async (req, reply) => {
    const user = sessionOf(req).user;
    return send(reply, cucmPage({ title: REPORTING, product: REPORTING, user, body: html`<h2>System Reports</h2><div class="card"><ul>
      <li><a href="/cucreports/dbStatus">Unified CM Database Status</a></li><li><span class="muted">Unified CM Cluster Overview</span></li>
      <li><span class="muted">Unified CM Device Counts Summary</span></li></ul></div>` }));
  });
  app.get('/cucreports/dbStatus', auth, async (req, reply) => {
    const user = sessionOf(req).user;
    return send(reply, cucmPage({ title: 'Unified CM Database Status', product: REPORTING, user, body: html`<h2>Unified CM Database Status</h2>
      <div class="card"><p>The report has not been generated on this node since the last restart.</p>
      <form method="post" action="/cucreports/dbStatus"><button type="submit">Generate a new report</button></form></div>` }));
  });
  app.post('/cucreports/dbStatus', auth, async (req, reply) => {
    const user = sessionOf(req).user;
    return send(reply, cucmPage({ title: 'Unified CM Database Status', product: REPORTING, user, body: html`<h2>Unified CM Database Status</h2>
      <div role="status" class="ok">Report generated: ${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC</div>
      <h3>Replication status of each node</h3>
      ${table('Database replication', ['Server', 'Role', 'Replication Setup (RTMT) & Details'],
        nodes.map((n) => [n.node, n.role === 'publisher' ? 'Publisher' : 'Subscriber', `${n.replication_state} (${REPLICATION_STATES[n.replication_state]})`]))}` }));
  });

  // Cisco Unified Serviceability › Tools › CDR Analysis and Reporting › Export.
  app.get('/ccmservice/', auth, async (req, reply) => {
    const user = sessionOf(req).user;
    return send(reply, cucmPage({ title: SERVICEABILITY, product: SERVICEABILITY, user, body: html`<h2>Tools</h2><div class="card"><ul>
      <li><a href="/car/export">CDR Analysis and Reporting</a></li><li><span class="muted">Control Center - Feature Services</span></li></ul></div>` }));
  });
  app.get('/car/export', auth, async (req, reply) => {
    const user = sessionOf(req).user;
    return send(reply, cucmPage({ title: 'CDR Analysis and Reporting', product: SERVICEABILITY, user, body: html`<h2>CDR Analysis and Reporting — Export CDR/CMR Records</h2>
      <form id="cdr-export" class="card"><label for="month">Month</label><input id="month" type="month" min="2020-01" style="width:220px">
      <div class="actions"><button type="submit">Export</button></div></form><div id="export-result"></div>`, script: cdrExportScript(ctx.mode) }));
  });
  app.post('/car/api/export', { ...auth, schema: { querystring: { type: 'object', required: ['year', 'month'], properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, month: { type: 'integer', minimum: 1, maximum: 12 } } } } }, async (req) => {
    const { year, month } = req.query as { year: number; month: number };
    const period = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    // A deterministic record count per month: the lab has no call traffic.
    const records = 1000 + ((year * 12 + month) * 37) % 900;
    return { records, period, file: `cdr_${year}${String(month).padStart(2, '0')}.csv` };
  });
  return app;
}
