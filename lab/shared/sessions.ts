import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { writeAtomic } from '../../src/files';

export const newId = (bytes = 12): string => randomBytes(bytes).toString('base64url');

const SESSION_LIFETIME_MS = 12 * 3600_000;
const MAX_SAVED = 500;

/** Where a replica keeps its sessions between lab runs: this checkout's .cache, per port (parallel labs differ). */
export const labSessionFile = (cookieName: string, port: number): string =>
  path.resolve(__dirname, '..', '..', '.cache', 'lab-sessions', `${cookieName}-${port}.json`);

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

  /**
   * With `file`, sessions outlive the lab process, as a real portal's outlive a browser restart: the next run of
   * this checkout reuses the sessions it saved (no sign-in) until they expire (12 h) or /lab/expire-sessions.
   */
  constructor(readonly cookieName: string, private readonly file?: string) {
    if (!file) return;
    try {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Session[];
      for (const s of saved) if (Date.now() - s.createdAt < SESSION_LIFETIME_MS) this.sessions.set(s.id, s);
    } catch {
      // None saved yet, or a damaged file: start empty.
    }
  }

  private persist(): void {
    if (!this.file) return;
    writeAtomic(this.file, JSON.stringify([...this.sessions.values()].slice(-MAX_SAVED)), { mode: 0o600 });
  }

  /** A session cookie by default; with `maxAgeSeconds`, a persistent one (Microsoft's "Stay signed in? Yes"). */
  create(reply: FastifyReply, user: string, opts: { maxAgeSeconds?: number } = {}): Session {
    const session: Session = { id: newId(), user, createdAt: Date.now(), acknowledged: false };
    this.sessions.set(session.id, session);
    this.persist();
    reply.setCookie(this.cookieName, session.id, { path: '/', httpOnly: true, sameSite: 'strict', ...(opts.maxAgeSeconds ? { maxAge: opts.maxAgeSeconds } : {}) });
    return session;
  }

  /** The user acknowledged the portal's logon message in this session (kept like the session itself). */
  acknowledge(session: Session): void {
    session.acknowledged = true;
    this.persist();
  }

  /** Ends every session (the lab's "expire sessions"); returns how many there were. */
  clear(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    this.persist();
    return count;
  }

  get(request: FastifyRequest): Session | undefined {
    const id = request.cookies[this.cookieName];
    return id ? this.sessions.get(id) : undefined;
  }

  destroy(request: FastifyRequest, reply: FastifyReply): void {
    const id = request.cookies[this.cookieName];
    if (id && this.sessions.delete(id)) this.persist();
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
