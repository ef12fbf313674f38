import http from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * The "Acme Router Console" of README's worked example, as a small local web app: a sign-in form (401 and the
 * portal's own "Invalid username or password." on a wrong password), a Devices table and a Reboot action.
 * It counts sign-in requests, so a test can tell a reused session from a new sign-in.
 */
export interface RouterConsole {
  url: string;
  signInRequests: () => number;
  stop: () => Promise<void>;
}

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>Acme Router Console</h1>${body}</body></html>`;
const signInForm = (error = '') => page('Sign in · Acme Router Console', `${error}<form method="post" action="/login"><p><label>Username <input name="username" autocomplete="username"></label></p>
<p><label>Password <input type="password" name="password" autocomplete="current-password"></label></p><button>Sign in</button></form>`);

export async function startRouterConsole(account: { username: string; password: string }): Promise<RouterConsole> {
  const sessions = new Set<string>();
  const rebooting = new Set<string>();
  let signIns = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const session = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const signedIn = !!session && sessions.has(session);
    const send = (status: number, html: string, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html);
    if (req.method === 'POST' && url.pathname === '/login') {
      signIns++;
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('username') !== account.username || form.get('password') !== account.password) {
          return send(401, signInForm('<div class="form-error">Invalid username or password.</div>'));
        }
        const id = randomBytes(12).toString('hex');
        sessions.add(id);
        send(303, '', { location: '/devices', 'set-cookie': `session=${id}; Path=/; HttpOnly; SameSite=Lax` });
      });
      return;
    }
    if (!signedIn) return url.pathname === '/' ? send(200, signInForm()) : send(303, '', { location: '/' });
    if (req.method === 'POST' && url.pathname.startsWith('/devices/') && url.pathname.endsWith('/reboot')) {
      const device = decodeURIComponent(url.pathname.split('/')[2]!);
      rebooting.add(device);
      return send(303, '', { location: `/devices?rebooted=${encodeURIComponent(device)}` });
    }
    if (url.pathname === '/' || url.pathname === '/devices') {
      const rows = ['core-switch', 'lobby-ap', 'branch-vpn'].map((d) => `<tr><td>${d}</td><td>${rebooting.has(d) ? 'Rebooting' : 'Online'}</td><td><form method="post" action="/devices/${d}/reboot"><button>Reboot</button></form></td></tr>`).join('');
      const done = url.searchParams.get('rebooted');
      return send(200, page('Devices · Acme Router Console', `<h2>Devices</h2>${done ? `<p role="status">Reboot of ${done} requested.</p>` : ''}<table><thead><tr><th>Device</th><th>Status</th><th>Action</th></tr></thead><tbody>${rows}</tbody></table>`));
    }
    send(404, page('Not found', '<p>Not found</p>'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    signInRequests: () => signIns,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
