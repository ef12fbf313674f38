import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { ensureTenantCookie, type Session, type SessionStore } from './sessions';
import { page, html } from './html';

/** The checkout this lab's code comes from (its root folder). */
const LAB_CHECKOUT = path.resolve(__dirname, '..', '..');

export interface AppOptions {
  /** Reported by /lab/health so a run can tell a lab started in another mode from its own. */
  mode: string;
  /** Answer every request with 503, for the harness's "portal unreachable" verdict (LAB_MODE=down). */
  down: boolean;
  product: string;
  /** Serve HTTPS with this key and certificate (the lab's self-signed one). */
  tls?: { key: string; cert: string };
}

/** A Fastify app with the lab's common plumbing: cookies, form bodies, tenants, 4xx (never 500) on bad input. */
export async function createApp({ down, product, mode, tls }: AppOptions): Promise<FastifyInstance> {
  const app = (tls ? Fastify({ logger: false, https: tls }) : Fastify({ logger: false })) as unknown as FastifyInstance;
  await app.register(cookie);
  await app.register(formbody);
  app.addHook('onRequest', async (request, reply) => {
    // The health probe answers even when the portal plays "down", so Playwright's webServer can start.
    // Which checkout and process serve it: a run never uses a lab started from another checkout (other code).
    if (request.url === '/lab/health') return reply.send({ ok: true, mode, down, checkout: LAB_CHECKOUT, pid: process.pid });
    if (down) {
      return reply.code(503).header('retry-after', '600').type('text/html')
        .send(page({ title: 'Service Unavailable', product, accent: '#555', body: html`<main><h2>503 Service Unavailable</h2><p>${product} is down for maintenance.</p></main>` }));
    }
    ensureTenantCookie(request, reply);
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error);
    return reply.code(status).send({ error: status === 500 ? 'Internal error' : error.message });
  });
  return app;
}

/**
 * Guards a protected route: pages redirect to the sign-in page, APIs answer 401 — a request without a
 * valid session for *this* portal never reaches the handler.
 */
export function requireSession(store: SessionStore, opts: { acknowledged?: boolean; signInPath?: string } = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const session = store.get(request);
    if (!session) {
      // API routes (e.g. /api/… or /ccmadmin/api/…) and form posts answer; pages send the browser to sign in.
      if (request.url.split('?')[0]!.includes('/api/') || request.method !== 'GET') {
        return reply.code(401).send({ error: 'Sign in required' });
      }
      return reply.redirect(`${opts.signInPath ?? '/login'}?next=${encodeURIComponent(request.url)}`);
    }
    if (opts.acknowledged && !session.acknowledged) return reply.redirect('/logon-message');
    (request as FastifyRequest & { session: Session }).session = session;
  };
}

export const sessionOf = (request: FastifyRequest): Session => (request as FastifyRequest & { session: Session }).session;

/** Only a local path may follow sign-in, so ?next= cannot send the user elsewhere. */
export const safeNext = (next: unknown): string => (typeof next === 'string' && /^\/(?!\/)/.test(next) ? next : '/');

/** Listens on loopback only; the lab is never reachable from another machine. */
export async function listenLab(app: FastifyInstance, where: { host: string; port: number }): Promise<{ close(): Promise<void> }> {
  await app.listen({ host: where.host, port: where.port });
  return { close: () => app.close() };
}
