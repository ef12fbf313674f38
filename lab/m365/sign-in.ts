import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { totpStep } from '../../src/auth/totp';
import { alert, html, shell, type RawHtml } from '../shared/html';
import { newId, type SessionStore } from '../shared/sessions';
import { safeNext } from '../shared/app';

/** An account the lab's Microsoft sign-in knows; with a TOTP secret it asks for a code, as MFA does. */
export interface LabAccount { email: string; password: string; totpSecret?: string }

/** A second, built-in lab account without MFA: Microsoft skips the code page for it. */
export const ACCOUNT_WITHOUT_MFA: LabAccount = { email: 'billing.reader@contoso.example', password: 'Lab-Reader-1!' };

const str = { type: 'string', maxLength: 200 } as const;
const FLOW_COOKIE = 'm365_signin_flow';
/** "Yes" on "Stay signed in?" keeps the session across browser restarts, as Microsoft's persistent cookie does. */
const STAY_SIGNED_IN_S = 90 * 24 * 3600;

export const MESSAGES = {
  unknownAccount: 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
  wrongPassword: "Your account or password is incorrect. If you don't remember your password, reset it now.",
  wrongCode: "You didn't enter the expected verification code. Please try again.",
  usedCode: 'That code has already been used. Wait for the next code in your authenticator app, then try again.',
};

interface Flow { email: string; next: string; step: 'password' | 'code' | 'kmsi' }

/**
 * Microsoft's sign-in, one screen at a time: "Sign in" (e-mail, Next) → "Enter password" (Sign in) → "Enter
 * code" (TOTP per RFC 6238, 30-second steps, one step of tolerance, a used code refused) → "Stay signed in?"
 * (Yes/No) → the page asked for. Also the lab's controls for tests: expire every session, count sign-ins.
 */
export function registerMicrosoftSignIn(app: FastifyInstance, sessions: SessionStore, accounts: LabAccount[]): void {
  const flows = new Map<string, Flow>();
  const lastStep = new Map<string, number>();
  let completed = 0;
  const accountOf = (email: string) => accounts.find((a) => a.email.toLowerCase() === email.trim().toLowerCase());
  const flowOf = (req: FastifyRequest) => flows.get(req.cookies[FLOW_COOKIE] ?? '');
  const screen = (title: string, body: RawHtml) => shell({ title, product: 'Microsoft', accent: '#2f2f2f', body: html`<div class="card" style="max-width:440px;margin:40px auto">${body}</div>` });
  const send = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html').send(body);

  const emailView = (next: string, message?: string) => screen('Sign in', html`<h2>Sign in</h2>${alert(message)}
    <form method="post" action="/login"><input type="hidden" name="next" value="${next}">
      <label for="email">Enter your email, phone, or Skype.</label><input id="email" name="email" type="email" autocomplete="username">
      <p class="muted">No account? Create one!</p><div class="actions"><button type="submit">Next</button></div></form>`);
  const passwordView = (flow: Flow, message?: string) => screen('Enter password', html`<p class="muted">← ${flow.email}</p><h2>Enter password</h2>${alert(message)}
    <form method="post" action="/login/password"><p>Enter the password for ${flow.email}</p>
      <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
      <div class="actions"><button type="submit">Sign in</button></div></form>`);
  const codeView = (flow: Flow, message?: string) => screen('Enter code', html`<p class="muted">${flow.email}</p><h2>Enter code</h2>${alert(message)}
    <form method="post" action="/login/code"><p>Enter the code displayed in the authenticator app on your mobile device</p>
      <label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code">
      <div class="actions"><button type="submit">Verify</button></div></form>`);
  const kmsiView = (flow: Flow) => screen('Stay signed in?', html`<p class="muted">${flow.email}</p><h2>Stay signed in?</h2>
    <form method="post" action="/login/kmsi"><p>Do this to reduce the number of times you are asked to sign in.</p>
      <label><input type="checkbox" name="dontShowAgain" value="yes"> Don't show this again</label>
      <div class="actions"><button type="submit" name="stay" value="no" class="secondary">No</button><button type="submit" name="stay" value="yes">Yes</button></div></form>`);
  /** A screen of the flow needs the flow it belongs to; a stale or forged one starts over. */
  const startOver = (reply: FastifyReply) => reply.redirect('/login', 303);

  app.get('/login', async (req, reply) => send(reply, emailView(safeNext((req.query as { next?: string }).next))));
  app.post('/login', { schema: { body: { type: 'object', required: ['email'], properties: { email: str, next: str } } } }, async (req, reply) => {
    const { email, next } = req.body as { email: string; next?: string };
    const account = accountOf(email);
    if (!account) return send(reply, emailView(safeNext(next), MESSAGES.unknownAccount), 400);
    const id = newId();
    flows.set(id, { email: account.email, next: safeNext(next), step: 'password' });
    reply.setCookie(FLOW_COOKIE, id, { path: '/login', httpOnly: true, sameSite: 'lax' });
    return reply.redirect('/login/password', 303);
  });
  app.get('/login/password', async (req, reply) => {
    const flow = flowOf(req);
    return flow?.step === 'password' ? send(reply, passwordView(flow)) : startOver(reply);
  });
  app.post('/login/password', { schema: { body: { type: 'object', required: ['password'], properties: { password: str } } } }, async (req, reply) => {
    const flow = flowOf(req);
    if (flow?.step !== 'password') return startOver(reply);
    const account = accountOf(flow.email)!;
    if ((req.body as { password: string }).password !== account.password) return send(reply, passwordView(flow, MESSAGES.wrongPassword), 401);
    flow.step = account.totpSecret ? 'code' : 'kmsi';
    return reply.redirect(account.totpSecret ? '/login/code' : '/login/kmsi', 303);
  });
  app.get('/login/code', async (req, reply) => {
    const flow = flowOf(req);
    return flow?.step === 'code' ? send(reply, codeView(flow)) : startOver(reply);
  });
  app.post('/login/code', { schema: { body: { type: 'object', required: ['code'], properties: { code: str } } } }, async (req, reply) => {
    const flow = flowOf(req);
    if (flow?.step !== 'code') return startOver(reply);
    const account = accountOf(flow.email)!;
    const code = (req.body as { code: string }).code.trim();
    const step = /^\d{6}$/.test(code) ? totpStep(account.totpSecret!, code) : undefined;
    if (step === undefined) return send(reply, codeView(flow, MESSAGES.wrongCode), 401);
    if (step <= (lastStep.get(account.email) ?? -1)) return send(reply, codeView(flow, MESSAGES.usedCode), 401);
    lastStep.set(account.email, step);
    flow.step = 'kmsi';
    return reply.redirect('/login/kmsi', 303);
  });
  app.get('/login/kmsi', async (req, reply) => {
    const flow = flowOf(req);
    return flow?.step === 'kmsi' ? send(reply, kmsiView(flow)) : startOver(reply);
  });
  app.post('/login/kmsi', { schema: { body: { type: 'object', properties: { stay: { type: 'string', enum: ['yes', 'no'] }, dontShowAgain: str } } } }, async (req, reply) => {
    const flow = flowOf(req);
    if (flow?.step !== 'kmsi') return startOver(reply);
    flows.delete(req.cookies[FLOW_COOKIE]!);
    reply.clearCookie(FLOW_COOKIE, { path: '/login' });
    const stay = (req.body as { stay?: string }).stay === 'yes';
    sessions.create(reply, flow.email, stay ? { maxAgeSeconds: STAY_SIGNED_IN_S } : {});
    completed++;
    return reply.redirect(flow.next === '/' ? '/billing/bills/invoices' : flow.next, 303);
  });

  // Lab controls for the harness's own tests: what a real tenant does on its own (sessions revoked, expired).
  app.post('/lab/expire-sessions', async () => ({ expired: sessions.clear() }));
  app.get('/lab/sign-ins', async () => ({ completed }));
}
