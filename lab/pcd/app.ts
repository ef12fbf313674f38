import type { FastifyInstance } from 'fastify';
import type { LabAppContext, RunningLabApp } from '../../src/portals/definition';
import { loadClusters } from '../../pages/pcd/data';
import { createApp, listenLab, requireSession, safeNext, sessionOf } from '../shared/app';
import { ScopedState, SessionStore, labSessionFile } from '../shared/sessions';
import { html } from '../shared/html';
import { discoveryStatus, seedPcd, startDiscovery, taskProgress, type UpgradeTask } from './state';
import { alert, field, loginView, logonMessageView, pcdPage, placeholderView, PRODUCT, status, table } from './views';
import { databaseWidgetScript } from './database-widget';
import { newId } from '../shared/sessions';

const LOCK_MS = 5 * 60_000;
const MAX_FAILURES = 3;
const str = { type: 'string', maxLength: 200 } as const;

export async function startPcdLab(ctx: LabAppContext): Promise<RunningLabApp> {
  return listenLab(await pcdApp(ctx), ctx);
}

export async function pcdApp(ctx: LabAppContext): Promise<FastifyInstance> {
  const app = await createApp({ mode: ctx.mode, down: ctx.down, product: PRODUCT, tls: ctx.tls });
  const clusters = loadClusters();
  const sessions = new SessionStore('pcd_session', labSessionFile('pcd_session', ctx.port));
  const states = new ScopedState(() => seedPcd(clusters));
  const auth = { preValidation: requireSession(sessions, { acknowledged: true }) };
  const user = (req: Parameters<typeof sessionOf>[0]) => sessionOf(req).user;

  app.get('/login', async (req, reply) => reply.type('text/html').send(loginView(undefined, safeNext((req.query as { next?: string }).next))));
  app.post('/login', { schema: { body: { type: 'object', required: ['username', 'password'], properties: { username: str, password: str, next: str } } } }, async (req, reply) => {
    const { username, password, next } = req.body as { username: string; password: string; next?: string };
    const state = states.for(req);
    const record = state.failedLogins.get(username) ?? { count: 0 };
    if (record.lockedUntil && record.lockedUntil > Date.now()) {
      return reply.code(423).type('text/html').send(loginView('The account is locked because of too many failed login attempts. Try again in 5 minutes.'));
    }
    if (username !== ctx.credentials.username || password !== ctx.credentials.password) {
      record.count += 1;
      if (record.count >= MAX_FAILURES) record.lockedUntil = Date.now() + LOCK_MS;
      state.failedLogins.set(username, record);
      const left = MAX_FAILURES - record.count;
      const message = left > 0
        ? `Invalid username or password. ${left} attempt${left === 1 ? '' : 's'} left before the account is locked.`
        : 'The account is locked because of too many failed login attempts. Try again in 5 minutes.';
      return reply.code(401).type('text/html').send(loginView(message));
    }
    state.failedLogins.delete(username);
    sessions.create(reply, username);
    return reply.redirect(`/logon-message?next=${encodeURIComponent(safeNext(next))}`, 303);
  });
  app.get('/logon-message', { preValidation: requireSession(sessions) }, async (req, reply) =>
    reply.type('text/html').send(logonMessageView(safeNext((req.query as { next?: string }).next))));
  app.post('/logon-message', { preValidation: requireSession(sessions) }, async (req, reply) => {
    sessions.acknowledge(sessionOf(req));
    return reply.redirect(safeNext((req.query as { next?: string }).next), 303);
  });
  app.post('/logout', { preValidation: requireSession(sessions) }, async (req, reply) => {
    sessions.destroy(req, reply);
    return reply.redirect('/login', 303);
  });

  app.get('/', auth, async (req, reply) => reply.type('text/html').send(pcdPage('Home', user(req), html`<h2>Home</h2>
    <div class="card"><p>Welcome to ${PRODUCT}. Use the navigation to manage clusters, tasks and monitoring.</p></div>`)));

  for (const [path, title] of [['/inventory/sftp', 'SFTP Servers and Datastore'], ['/task/migrate', 'Migrate'], ['/task/switch-versions', 'Switch Versions'],
    ['/task/server-restart', 'Server Restart'], ['/task/readdress', 'Readdress'], ['/task/install', 'Install'], ['/administration', 'Administration']] as const) {
    app.get(path, auth, async (req, reply) => reply.type('text/html').send(placeholderView(user(req), title)));
  }

  // Inventory › Clusters
  app.get('/inventory/clusters', auth, async (req, reply) => {
    const { clusters } = states.for(req);
    const message = (req.query as { discovered?: string }).discovered;
    return reply.type('text/html').send(pcdPage('Clusters', user(req), html`<h2>Clusters</h2>
      ${status(message ? `Cluster ${message} was discovered successfully.` : undefined)}
      <div class="actions" style="margin:0 0 12px"><a class="button" href="/inventory/clusters/discover">Discover Cluster</a></div>
      ${table('Clusters', ['Cluster Name', 'Product and Version', 'Cluster Type', 'Nodes'], clusters.map((c) => [c.nickname, c.product, c.type, c.nodes.join(', ')]))}`));
  });
  const discoverForm = (error?: string, values: Record<string, string> = {}) => html`<h2>Discover Cluster</h2>${alert(error)}
    <form method="post" action="/inventory/clusters/discover" class="card">
      ${field('nickname', 'Choose a Nickname for this Cluster', values.nickname)}
      ${field('publisher', 'Hostname/IP Address of Cluster Publisher', values.publisher)}
      ${field('osUser', 'OS Admin Username', values.osUser)}
      ${field('osPassword', 'OS Admin Password', '', 'password')}
      <label><input type="checkbox" name="nat" value="on"> Enable NAT</label>
      <div class="actions"><button type="submit">Next</button><a class="button secondary" href="/inventory/clusters">Cancel</a></div>
    </form>`;
  app.get('/inventory/clusters/discover', auth, async (req, reply) => reply.type('text/html').send(pcdPage('Discover Cluster', user(req), discoverForm())));
  app.post('/inventory/clusters/discover', { ...auth, schema: { body: { type: 'object', properties: { nickname: str, publisher: str, osUser: str, osPassword: str, nat: str } } } }, async (req, reply) => {
    const body = req.body as Record<string, string | undefined>;
    const values = { nickname: body.nickname?.trim() ?? '', publisher: body.publisher?.trim() ?? '', osUser: body.osUser?.trim() ?? '' };
    const password = body.osPassword ?? '';
    const fail = (message: string) => reply.code(400).type('text/html').send(pcdPage('Discover Cluster', user(req), discoverForm(message, values)));
    if (!values.nickname || !values.publisher || !values.osUser || !password) return fail('Nickname, publisher, OS Admin Username and password are required.');
    if (password.length >= 16 || password.includes('%')) return fail('The OS Admin password must be shorter than 16 characters and must not contain %.');
    const state = states.for(req);
    if (state.clusters.some((c) => c.nickname === values.nickname)) return fail(`A cluster named ${values.nickname} already exists.`);
    const known = clusters.find((c) => c.publisher === values.publisher);
    if (!known) return fail(`Unable to contact the publisher ${values.publisher}. Check the hostname and the OS admin credentials.`);
    const discovery = startDiscovery(state, known, values.nickname);
    return reply.redirect(`/inventory/clusters/discover/${discovery.id}`, 303);
  });
  app.get('/inventory/clusters/discover/:id', auth, async (req, reply) => {
    const d = states.for(req).discoveries.get((req.params as { id: string }).id);
    if (!d) return reply.code(404).type('text/html').send(placeholderView(user(req), 'Discovery not found'));
    return reply.type('text/html').send(pcdPage('Discover Cluster', user(req), html`<h2>Discover Cluster: ${d.nickname}</h2>
      <p class="muted">Publisher ${d.publisher}. Discovery runs on every node of the cluster.</p>
      <div id="discovery-banner"></div>
      ${table('Cluster nodes', ['Hostname', 'Status'], d.nodes.map((h) => [h, 'Contacting']))}
      <form method="post" action="/inventory/clusters/discover/${d.id}/finish" class="actions">
        <button type="button" id="resume" class="secondary" disabled>Resume Discovery</button>
        <button type="submit" id="next" disabled>Finish</button>
      </form>`, `
const id = ${JSON.stringify(d.id)};
async function poll() {
  const res = await fetch('/api/discoveries/' + id);
  if (!res.ok) {
    // Said on the page, like PCD's own status banner; no script error.
    document.getElementById('discovery-banner').innerHTML = '<div role="alert" class="error">Unable to retrieve the discovery status (HTTP ' + res.status + '). The nodes may still be discovering; refresh the page later.</div>';
    return;
  }
  const body = await res.json();
  const rows = document.querySelectorAll('table[aria-label="Cluster nodes"] tbody tr');
  body.nodes.forEach((n, i) => { rows[i].children[1].textContent = n.status; });
  const settled = body.nodes.every((n) => n.status === 'Successful' || n.status === 'Node Unreachable');
  const unreachable = body.nodes.some((n) => n.status === 'Node Unreachable');
  document.getElementById('resume').disabled = !(settled && unreachable);
  document.getElementById('next').disabled = !body.nodes.every((n) => n.status === 'Successful');
  document.getElementById('discovery-banner').innerHTML = settled && unreachable
    ? '<div role="alert" class="error">One or more nodes could not be contacted (Node Unreachable). Check the node and select Resume Discovery.</div>' : '';
  if (!body.nodes.every((n) => n.status === 'Successful')) setTimeout(poll, 250);
}
document.getElementById('resume').addEventListener('click', async () => {
  await fetch('/api/discoveries/' + id + '/resume', { method: 'POST' });
  poll();
});
poll();`));
  });
  app.get('/api/discoveries/:id', auth, async (req, reply) => {
    const d = states.for(req).discoveries.get((req.params as { id: string }).id);
    if (!d) return reply.code(404).send({ error: 'Discovery not found' });
    // Broken mode: the status service picks its node agent from the User-Agent Client Hints platform, which only
    // Chromium sends (measured: sec-ch-ua, -mobile, -platform on same-origin fetches, UA override or not).
    if (ctx.mode === 'broken' && !req.headers['sec-ch-ua-platform']) return reply.code(403).send({ error: 'Unsupported client' });
    return { id: d.id, nodes: discoveryStatus(d) };
  });
  app.post('/api/discoveries/:id/resume', auth, async (req, reply) => {
    const d = states.for(req).discoveries.get((req.params as { id: string }).id);
    if (!d) return reply.code(404).send({ error: 'Discovery not found' });
    if (!discoveryStatus(d).some((n) => n.status === 'Node Unreachable')) return reply.code(409).send({ error: 'No unreachable node to resume' });
    d.resumedAt = Date.now();
    return { resumed: true };
  });
  app.post('/inventory/clusters/discover/:id/finish', auth, async (req, reply) => {
    const state = states.for(req);
    const d = state.discoveries.get((req.params as { id: string }).id);
    if (!d) return reply.code(404).send({ error: 'Discovery not found' });
    if (!discoveryStatus(d).every((n) => n.status === 'Successful')) return reply.code(409).send({ error: 'Discovery has not finished on every node' });
    const known = clusters.find((c) => c.publisher === d.publisher)!;
    state.clusters.push({ nickname: d.nickname, product: known.product, type: 'Discovered', nodes: d.nodes });
    state.discoveries.delete(d.id);
    return reply.redirect(`/inventory/clusters?discovered=${encodeURIComponent(d.nickname)}`, 303);
  });

  // Inventory › ESXi Hosts
  app.get('/inventory/esxi-hosts', auth, async (req, reply) => {
    const { esxiHosts } = states.for(req);
    const added = (req.query as { added?: string }).added;
    return reply.type('text/html').send(pcdPage('ESXi Hosts', user(req), html`<h2>ESXi Hosts</h2>
      ${status(added ? `ESXi host ${added} was added.` : undefined)}
      <div class="actions" style="margin:0 0 12px"><a class="button" href="/inventory/esxi-hosts/add">Add ESXi Host</a></div>
      ${table('ESXi Hosts', ['Hostname', 'Username'], esxiHosts.map((h) => [h.hostname, h.username]))}`));
  });
  const esxiForm = (error?: string, values: Record<string, string> = {}) => html`<h2>Add ESXi Host</h2>${alert(error)}
    <form method="post" action="/inventory/esxi-hosts/add" class="card">
      ${field('hostname', 'Hostname/IP Address', values.hostname)}${field('username', 'Username', values.username)}${field('password', 'Password', '', 'password')}
      <div class="actions"><button type="submit">OK</button><a class="button secondary" href="/inventory/esxi-hosts">Cancel</a></div></form>`;
  app.get('/inventory/esxi-hosts/add', auth, async (req, reply) => reply.type('text/html').send(pcdPage('Add ESXi Host', user(req), esxiForm())));
  app.post('/inventory/esxi-hosts/add', { ...auth, schema: { body: { type: 'object', properties: { hostname: str, username: str, password: str } } } }, async (req, reply) => {
    const body = req.body as Record<string, string | undefined>;
    const values = { hostname: body.hostname?.trim() ?? '', username: body.username?.trim() ?? '' };
    const fail = (m: string) => reply.code(400).type('text/html').send(pcdPage('Add ESXi Host', user(req), esxiForm(m, values)));
    if (!values.hostname || !values.username || !body.password) return fail('Hostname, username and password are required.');
    if (body.password.length >= 32) return fail('The password must be shorter than 32 characters.');
    const state = states.for(req);
    if (state.esxiHosts.some((h) => h.hostname === values.hostname)) return fail(`ESXi host ${values.hostname} is already in the inventory.`);
    state.esxiHosts.push(values);
    return reply.redirect(`/inventory/esxi-hosts?added=${encodeURIComponent(values.hostname)}`, 303);
  });

  // Monitoring › Database Replication (the seed's "database access error")
  app.get('/monitoring/database', auth, async (req, reply) => {
    const { clusters } = states.for(req);
    return reply.type('text/html').send(pcdPage('Database Replication', user(req), html`<h2>Database Replication</h2>
      <div class="card"><label for="cluster">Cluster</label><select id="cluster">${clusters.map((c) => html`<option value="${c.nickname}" data-nodes="${c.nodes.join(';')}">${c.nickname}</option>`)}</select>
      <div class="actions"><button type="button" id="check">Check Replication Status</button><span class="muted" id="checked"></span></div></div>
      <div id="db-banner"></div>
      ${table('Database replication', ['Node', 'Replication Role', 'Connection Status'], [])}`, databaseWidgetScript(ctx.mode)));
  });
  app.get('/api/replication', auth, async (req, reply) => {
    const platform = req.headers['x-client-platform'];
    if (!platform) return reply.code(400).send({ error: 'Missing client context (X-Client-Platform)' });
    const state = states.for(req);
    const cluster = state.clusters.find((c) => c.nickname === (req.query as { cluster?: string }).cluster);
    if (!cluster) return reply.code(404).send({ error: 'Unknown cluster' });
    const nodes = cluster.nodes.map((host, i) => state.splitBrain
      ? { host, role: i === 0 ? 'Primary/Unknown' : 'Secondary/Unknown', connection: 'connection status unknown' }
      : { host, role: i === 0 ? 'Primary' : 'Secondary', connection: 'Connected' });
    return { cluster: cluster.nickname, splitBrain: state.splitBrain, nodes };
  });
  // Lab control: put this tenant's clusters into (or out of) split brain.
  app.post('/lab/split-brain', { ...auth, schema: { body: { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' } } } } }, async (req) => {
    states.for(req).splitBrain = (req.body as { enabled: boolean }).enabled;
    return { splitBrain: states.for(req).splitBrain };
  });

  // Task › Upgrade and Monitoring
  app.get('/task/upgrade', auth, async (req, reply) => {
    const tasks = [...states.for(req).tasks.values()];
    return reply.type('text/html').send(pcdPage('Upgrade', user(req), html`<h2>Upgrade</h2>
      <div class="actions" style="margin:0 0 12px"><a class="button" href="/task/upgrade/new">Add Upgrade Task</a></div>
      ${table('Upgrade tasks', ['Task', 'Cluster', 'Status'], tasks.map((t) => [t.nickname, t.cluster, taskProgress(t).state]))}`));
  });
  app.get('/task/upgrade/new', auth, async (req, reply) => {
    const { clusters } = states.for(req);
    return reply.type('text/html').send(pcdPage('Add Upgrade Task', user(req), html`<h2>Add Upgrade Task</h2>
      <form method="post" action="/task/upgrade" class="card" id="wizard">
        <fieldset data-step="1"><legend>Choose the cluster and nodes</legend>
          ${field('nickname', 'Task Nickname')}
          <label for="cluster">Cluster</label><select id="cluster" name="cluster">${clusters.map((c) => html`<option>${c.nickname}</option>`)}</select>
          <div id="nodes" role="group" aria-label="Nodes"></div>
          <div class="actions"><button type="button" data-next disabled id="nodes-next">Next</button></div></fieldset>
        <fieldset data-step="2" hidden><legend>Choose the upgrade file</legend>
          <label for="file">Upgrade File (ISO or COP)</label><select id="file" name="file"><option>UCSInstall_UCOS_15.0.1.10000-10.sgn.iso</option><option>ciscocm.V15_preUpgradeCheck.cop.sha512</option></select>
          <div class="actions"><button type="button" data-next>Next</button></div></fieldset>
        <fieldset data-step="3" hidden><legend>Set the start time</legend>
          <label><input type="radio" name="start" value="manual" checked> Start task manually</label>
          <label><input type="radio" name="start" value="now"> Start task immediately upon completion of this wizard</label>
          <div class="actions"><button type="button" data-next>Next</button></div></fieldset>
        <fieldset data-step="4" hidden><legend>Review</legend><p id="review"></p>
          <div class="actions"><button type="submit">Finish</button></div></fieldset>
      </form>`, `
const clusters = ${JSON.stringify(Object.fromEntries(clusters.map((c) => [c.nickname, c.nodes])))};
const nodes = document.getElementById('nodes'), next = document.getElementById('nodes-next');
function showNodes() {
  nodes.replaceChildren(...clusters[document.getElementById('cluster').value].map((n) => {
    const label = document.createElement('label'); const box = document.createElement('input');
    box.type = 'checkbox'; box.name = 'nodes'; box.value = n; label.append(box, ' ' + n); return label; }));
  next.disabled = true;
}
nodes.addEventListener('change', () => { next.disabled = !nodes.querySelector('input:checked'); });
document.getElementById('cluster').addEventListener('change', showNodes);
showNodes();
document.querySelectorAll('[data-next]').forEach((b) => b.addEventListener('click', () => {
  const step = b.closest('fieldset'); step.hidden = true; step.nextElementSibling.hidden = false;
  document.getElementById('review').textContent = 'Upgrade ' + document.getElementById('cluster').value + ' with ' + document.getElementById('file').value + '.';
}));`));
  });
  app.post('/task/upgrade', { ...auth, schema: { body: { type: 'object', properties: { nickname: str, cluster: str, file: str, start: str, nodes: { anyOf: [str, { type: 'array', items: str }] } } } } }, async (req, reply) => {
    const body = req.body as { nickname?: string; cluster?: string; file?: string; start?: string; nodes?: string | string[] };
    const state = states.for(req);
    const cluster = state.clusters.find((c) => c.nickname === body.cluster);
    const nodes = ([] as string[]).concat(body.nodes ?? []);
    if (!cluster) return reply.code(400).send({ error: 'Choose a cluster from the inventory.' });
    if (nodes.length === 0 || nodes.some((n) => !cluster.nodes.includes(n))) return reply.code(400).send({ error: 'Choose at least one node of the cluster.' });
    if (!body.file) return reply.code(400).send({ error: 'Choose an upgrade file.' });
    const task: UpgradeTask = { id: newId(6), nickname: body.nickname?.trim() || `Upgrade ${cluster.nickname}`, cluster: cluster.nickname, nodes, file: body.file, state: 'Wait_for_manual_start' };
    if (body.start === 'now') Object.assign(task, { state: 'Started', startedAt: Date.now() });
    state.tasks.set(task.id, task);
    return reply.redirect(`/monitoring/tasks/${task.id}`, 303);
  });
  app.get('/monitoring', auth, async (req, reply) => {
    const tasks = [...states.for(req).tasks.values()];
    return reply.type('text/html').send(pcdPage('Monitoring', user(req), html`<h2>Monitoring</h2>
      ${table('Tasks', ['Task', 'Type', 'Cluster', 'Status'], tasks.map((t) => [html`<a href="/monitoring/tasks/${t.id}">${t.nickname}</a>`, 'Upgrade', t.cluster, taskProgress(t).state]), 'No tasks.')}`));
  });
  app.get('/monitoring/tasks/:id', auth, async (req, reply) => {
    const task = states.for(req).tasks.get((req.params as { id: string }).id);
    if (!task) return reply.code(404).type('text/html').send(placeholderView(user(req), 'Task not found'));
    return reply.type('text/html').send(pcdPage(task.nickname, user(req), html`<h2>${task.nickname}</h2>
      <div class="card"><dl class="summary"><dt>Cluster</dt><dd>${task.cluster}</dd><dt>Upgrade file</dt><dd>${task.file}</dd>
      <dt>Status</dt><dd id="task-status" role="status" aria-label="Task status">${taskProgress(task).state}</dd></dl>
      <div class="actions"><button type="button" id="start" hidden>Start</button><button type="button" id="cancel" class="secondary" hidden>Cancel</button></div></div>
      ${table('Task steps', ['Step', 'Status'], taskProgress(task).steps.map((s) => [s.name, s.status]))}`, `
const id = ${JSON.stringify(task.id)};
async function act(action) { await fetch('/api/tasks/' + id + '/' + action, { method: 'POST' }); poll(); }
document.getElementById('start').addEventListener('click', () => act('start'));
document.getElementById('cancel').addEventListener('click', () => act('cancel'));
let timer;
async function poll() {
  clearTimeout(timer);
  const body = await (await fetch('/api/tasks/' + id)).json();
  document.getElementById('task-status').textContent = body.state;
  document.getElementById('start').hidden = body.state !== 'Wait_for_manual_start';
  document.getElementById('cancel').hidden = body.state !== 'Started';
  const rows = document.querySelectorAll('table[aria-label="Task steps"] tbody tr');
  body.steps.forEach((s, i) => { rows[i].children[1].textContent = s.status; });
  if (body.state === 'Started') timer = setTimeout(poll, 300);
}
poll();`));
  });
  const taskOf = (req: Parameters<typeof sessionOf>[0]) => states.for(req).tasks.get((req.params as { id: string }).id);
  app.get('/api/tasks/:id', auth, async (req, reply) => {
    const task = taskOf(req);
    return task ? { id: task.id, ...taskProgress(task) } : reply.code(404).send({ error: 'Task not found' });
  });
  app.post('/api/tasks/:id/start', auth, async (req, reply) => {
    const task = taskOf(req);
    if (!task) return reply.code(404).send({ error: 'Task not found' });
    if (task.state !== 'Wait_for_manual_start') return reply.code(409).send({ error: `Start is not valid in state ${taskProgress(task).state}` });
    Object.assign(task, { state: 'Started', startedAt: Date.now() });
    return { started: true };
  });
  app.post('/api/tasks/:id/cancel', auth, async (req, reply) => {
    const task = taskOf(req);
    if (!task) return reply.code(404).send({ error: 'Task not found' });
    if (taskProgress(task).state !== 'Started') return reply.code(409).send({ error: 'Only a running task can be canceled' });
    task.state = 'Canceled';
    return { canceled: true };
  });
  return app;
}
