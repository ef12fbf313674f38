import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LabAppContext, RunningLabApp } from '../../src/portals/definition';
import { loadMeetings, type Meeting } from '../../pages/webex/data';
import { createApp, listenLab } from '../shared/app';
import { SessionStore } from '../shared/sessions';
import { html, shell, type RawHtml } from '../shared/html';
import { mediaScript } from './media';

const PRODUCT = 'Webex';
const LOBBY_MS = 1500;
const str = { type: 'string', maxLength: 200 } as const;

interface Participant { meeting: string; name: string; email: string; joinedAt: number; lobby: boolean; left: boolean }

/** Accepts a bare number (spaces allowed) or a meeting link that ends with it. */
export function meetingNumberFrom(input: string): string | undefined {
  const digits = input.match(/\d[\d ]*\d/g)?.at(-1)?.replace(/ /g, '');
  return digits && /^\d{9,11}$/.test(digits) ? digits : undefined;
}

export async function startWebexLab(ctx: LabAppContext): Promise<RunningLabApp> {
  return listenLab(await webexApp(ctx), ctx);
}

export async function webexApp(ctx: LabAppContext): Promise<FastifyInstance> {
  const app = await createApp({ mode: ctx.mode, down: ctx.down, product: PRODUCT, tls: ctx.tls });
  const meetings = loadMeetings();
  const sessions = new SessionStore('webex_session');
  const participants = new Map<string, Participant>();
  const view = (title: string, body: RawHtml, script?: string) => shell({ title, product: PRODUCT, accent: '#07c160', body, script: `${COOKIE_BANNER_SCRIPT}\n${script ?? ''}` });
  const meetingOf = (req: FastifyRequest): Meeting | undefined => meetings.find((m) => m.number === (req.params as { number: string }).number && m.state !== 'unknown');
  const notFound = (reply: FastifyReply) => reply.code(404).type('text/html').send(view('Meeting not found', html`<h2>Meeting not found</h2>
    <div role="alert" class="error">Meeting not found. Check the meeting number or link and try again.</div><a class="button" href="/">Back</a>`));
  const participantOf = (req: FastifyRequest, meeting: Meeting): Participant | undefined => {
    const session = sessions.get(req);
    const p = session ? participants.get(session.id) : undefined;
    return p && p.meeting === meeting.number && !p.left ? p : undefined;
  };

  app.get('/', async (_req, reply) => reply.type('text/html').send(view('Join a meeting', html`<h2>Join a meeting</h2>
    <form method="get" action="/join" class="card"><label for="meeting">Meeting number or link</label><input id="meeting" name="meeting">
    <div class="actions"><button type="submit">Join</button></div></form>${COOKIE_BANNER}`)));
  app.get('/join', { schema: { querystring: { type: 'object', properties: { meeting: str } } } }, async (req, reply) => {
    const number = meetingNumberFrom((req.query as { meeting?: string }).meeting ?? '');
    if (!number) return notFound(reply);
    return reply.redirect(`/meet/${number}`);
  });
  app.get('/meet/:number', async (req, reply) => {
    const m = meetingOf(req);
    if (!m) return notFound(reply);
    if (m.state === 'ended') return reply.code(410).type('text/html').send(view('Meeting has ended', html`<h2>${m.title}</h2><div role="alert" class="error">Meeting has ended.</div>`));
    return reply.type('text/html').send(view(m.title, html`<h2>${m.title}</h2><div class="card"><p>Meeting number: ${m.number}</p>
      <div class="actions"><a class="button" href="/meet/${m.number}/prejoin">Join from this browser</a><a class="button secondary" href="#download">Download the Webex app</a></div></div>${COOKIE_BANNER}`));
  });
  const prejoin = (m: Meeting, error?: string, values: { name?: string; email?: string } = {}) => view(`Join ${m.title}`, html`<h2>${m.title}</h2>
    ${error ? html`<div role="alert" class="error">${error}</div>` : ''}
    <form method="post" action="/meet/${m.number}/join" class="card" style="display:flex;gap:24px;flex-wrap:wrap">
      <div><video id="preview" aria-label="Camera preview" autoplay muted playsinline style="width:320px;height:180px;background:#111;border-radius:6px"></video>
        <p id="preview-status" role="status" aria-label="Device status">Starting camera…</p>
        <div class="actions"><button type="button" id="mute" class="secondary" aria-pressed="false">Mute</button><button type="button" id="stop-video" class="secondary" aria-pressed="false">Stop video</button></div>
        <label><input type="checkbox" name="noDevices" id="no-devices" value="on"> Continue without microphone and camera</label></div>
      <div style="flex:1;min-width:260px"><label for="name">Name (required)</label><input id="name" name="name" value="${values.name ?? ''}">
        <label for="email">Email (required)</label><input id="email" name="email" type="email" value="${values.email ?? ''}">
        ${m.password ? html`<label for="password">Meeting password</label><input id="password" name="password" type="password">` : ''}
        <div class="actions"><button type="submit">Join meeting</button></div></div>
    </form>`, PREVIEW_SCRIPT);
  app.get('/meet/:number/prejoin', async (req, reply) => {
    const m = meetingOf(req);
    return m ? reply.type('text/html').send(prejoin(m)) : notFound(reply);
  });
  app.post('/meet/:number/join', { schema: { body: { type: 'object', properties: { name: str, email: str, password: str, noDevices: str } } } }, async (req, reply) => {
    const m = meetingOf(req);
    if (!m) return notFound(reply);
    const b = req.body as { name?: string; email?: string; password?: string };
    const values = { name: b.name?.trim(), email: b.email?.trim() };
    if (!values.name || !values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
      return reply.code(400).type('text/html').send(prejoin(m, 'Enter your name and a valid email address.', values));
    }
    if (m.password && b.password !== m.password) {
      return reply.code(401).type('text/html').send(prejoin(m, 'Incorrect password. Try again.', values));
    }
    const session = sessions.create(reply, values.name);
    participants.set(session.id, { meeting: m.number, name: values.name, email: values.email, joinedAt: Date.now(), lobby: m.lobby, left: false });
    return reply.redirect(`/meet/${m.number}/${m.lobby ? 'lobby' : 'room'}`, 303);
  });
  const admitted = (p: Participant) => !p.lobby || Date.now() - p.joinedAt >= LOBBY_MS;
  app.get('/meet/:number/lobby', async (req, reply) => {
    const m = meetingOf(req);
    if (!m) return notFound(reply);
    if (!participantOf(req, m)) return reply.redirect(`/meet/${m.number}/prejoin`);
    return reply.type('text/html').send(view('Lobby', html`<h2>${m.title}</h2><div class="card" role="status" aria-label="Lobby">
      The meeting is locked. Please wait, the host will let you in soon — waiting for the host to let you in.</div>`, `
async function poll() { const r = await fetch('/api/meetings/${m.number}/participant'); const b = await r.json(); if (b.admitted) location.assign('/meet/${m.number}/room'); else setTimeout(poll, 300); }
poll();`));
  });
  app.get('/api/meetings/:number/participant', async (req, reply) => {
    const m = meetingOf(req);
    const p = m && participantOf(req, m);
    if (!p) return reply.code(401).send({ error: 'Join the meeting first' });
    return { name: p.name, admitted: admitted(p) };
  });
  app.get('/meet/:number/room', async (req, reply) => {
    const m = meetingOf(req);
    if (!m) return notFound(reply);
    const p = participantOf(req, m);
    if (!p) return reply.redirect(`/meet/${m.number}/prejoin`);
    if (!admitted(p)) return reply.redirect(`/meet/${m.number}/lobby`);
    return reply.type('text/html').send(view(m.title, html`<h2>${m.title}</h2><div id="media-problem"></div>
      <div class="card" style="display:flex;gap:18px;flex-wrap:wrap"><video id="remote-video" aria-label="Remote video" autoplay muted playsinline style="width:420px;height:236px;background:#111;border-radius:6px"></video>
      <div><p id="media-status" role="status" aria-label="Media status">Connecting media…</p>
      <div class="actions" role="toolbar" aria-label="Meeting controls"><button type="button" class="secondary" id="participants-button" aria-expanded="false">Participants</button>
      <form method="post" action="/meet/${m.number}/leave"><button type="submit">Leave meeting</button></form></div>
      <ul id="participants" aria-label="Participants list" hidden><li>Meeting host (Host)</li><li>${p.name} (me)</li></ul></div></div>`,
    `document.getElementById('participants-button').addEventListener('click', (e) => { const l = document.getElementById('participants'); l.hidden = !l.hidden; e.currentTarget.setAttribute('aria-expanded', String(!l.hidden)); });\n${mediaScript(ctx.mode)}`));
  });
  app.post('/meet/:number/leave', async (req, reply) => {
    const m = meetingOf(req);
    const p = m && participantOf(req, m);
    if (!p) return reply.code(401).send({ error: 'Join the meeting first' });
    p.left = true;
    sessions.destroy(req, reply);
    return reply.type('text/html').send(view('Left the meeting', html`<h2>You've left the meeting</h2><a class="button" href="/">Join another meeting</a>`));
  });
  return app;
}

const COOKIE_BANNER = html`<div role="region" aria-label="Cookie banner" id="cookie-banner" class="notice" style="position:fixed;bottom:0;left:0;right:0;margin:0" hidden>
  We use cookies to make Webex work. <button type="button" id="accept-cookies">Accept</button></div>`;
const COOKIE_BANNER_SCRIPT = `const banner = document.getElementById('cookie-banner');
if (banner && !document.cookie.includes('webex_cookies=accepted')) banner.hidden = false;
document.getElementById('accept-cookies')?.addEventListener('click', () => { document.cookie = 'webex_cookies=accepted; path=/; max-age=31536000'; banner.hidden = true; });`;
const PREVIEW_SCRIPT = `const previewStatus = document.getElementById('preview-status');
let stream;
navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then((s) => {
  stream = s; document.getElementById('preview').srcObject = s;
  const [video] = s.getVideoTracks(), [audio] = s.getAudioTracks();
  previewStatus.textContent = 'Camera preview is on: ' + (video?.label || 'camera') + ' · microphone: ' + (audio?.label || 'none');
}).catch((e) => { previewStatus.textContent = "We can't access your camera or microphone (" + e.name + ').'; });
function toggle(button, kind, on, off) {
  button.addEventListener('click', () => {
    const tracks = stream ? (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks()) : [];
    const pressed = button.getAttribute('aria-pressed') !== 'true';
    tracks.forEach((t) => { t.enabled = !pressed; });
    button.setAttribute('aria-pressed', String(pressed)); button.textContent = pressed ? on : off;
  });
}
toggle(document.getElementById('mute'), 'audio', 'Unmute', 'Mute');
toggle(document.getElementById('stop-video'), 'video', 'Start video', 'Stop video');`;
