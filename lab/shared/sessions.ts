import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const newId = (bytes = 12): string => randomBytes(bytes).toString('base64url');

export interface Session {
  id: string;
  user: string;
  createdAt: number;
  acknowledged: boolean;
}

/**
 * Server-side sessions for one portal. Every portal has its own store and cookie name, so a session id from
 * one portal is unknown to the others (the lab's portals share the host "localhost", and cookies ignore ports).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(readonly cookieName: string) {}

  /** A session cookie by default; with `maxAgeSeconds`, a persistent one (Microsoft's "Stay signed in? Yes"). */
  create(reply: FastifyReply, user: string, opts: { maxAgeSeconds?: number } = {}): Session {
    const session: Session = { id: newId(), user, createdAt: Date.now(), acknowledged: false };
    this.sessions.set(session.id, session);
    reply.setCookie(this.cookieName, session.id, { path: '/', httpOnly: true, sameSite: 'strict', ...(opts.maxAgeSeconds ? { maxAge: opts.maxAgeSeconds } : {}) });
    return session;
  }

  /** Ends every session (the lab's "expire sessions"); returns how many there were. */
  clear(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  get(request: FastifyRequest): Session | undefined {
    const id = request.cookies[this.cookieName];
    return id ? this.sessions.get(id) : undefined;
  }

  destroy(request: FastifyRequest, reply: FastifyReply): void {
    const id = request.cookies[this.cookieName];
    if (id) this.sessions.delete(id);
    reply.clearCookie(this.cookieName, { path: '/' });
  }
}

/**
 * Mutable lab data (clusters, invoices, meetings…) lives in a scope so parallel tests never see each other's
 * changes: the `lab_scope` cookie (set per test by the harness) or else a per-browser `lab_tenant` cookie
 * handed out on the first visit. Nothing needs a manual reset.
 */
export class ScopedState<T> {
  private readonly scopes = new Map<string, T>();

  constructor(private readonly seed: () => T) {}

  for(request: FastifyRequest): T {
    const key = request.cookies.lab_scope ?? request.cookies.lab_tenant ?? 'shared';
    let state = this.scopes.get(key);
    if (!state) {
      state = this.seed();
      this.scopes.set(key, state);
    }
    return state;
  }
}

export function ensureTenantCookie(request: FastifyRequest, reply: FastifyReply): void {
  if (!request.cookies.lab_tenant) {
    const tenant = newId(9);
    reply.setCookie('lab_tenant', tenant, { path: '/', sameSite: 'lax' });
    // Make the tenant visible to the rest of this request's handlers too.
    request.cookies.lab_tenant = tenant;
  }
}
