import http from 'node:http';
import { test, expect } from '@playwright/test';
import { preflight } from '../src/preflight';
import type { PortalTarget } from '../src/portals/settings';

const target = (url: string): PortalTarget => ({ id: 'pcd', name: 'PCD', envPrefix: 'PCD', url, isLab: false, username: 'u', password: 'p', tls: { mode: 'verify' }, options: {} });

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('pre-flight names why a portal is unreachable, quickly', async () => {
  const port = await closedPort();
  const refused = await preflight(target(`http://127.0.0.1:${port}/`));
  expect(refused).toMatchObject({ reachable: false, reason: `connection refused (http://127.0.0.1:${port}/)` });
  const dns = await preflight(target('http://portal.invalid/'));
  expect(dns).toMatchObject({ reachable: false, reason: 'DNS lookup failed (http://portal.invalid/)' });
  expect(dns.ms).toBeLessThan(6_000);
});

test('pre-flight: 5xx is unreachable, a slow portal is cut off at the time limit, 4xx (a sign-in wall) is reachable', async () => {
  let mode = 503;
  const server = http.createServer((_req, res) => {
    if (mode === 0) return; // never answers
    res.writeHead(mode).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  try {
    expect(await preflight(target(url))).toMatchObject({ reachable: false, reason: `HTTP 503 Service Unavailable from ${url}` });
    mode = 401;
    expect(await preflight(target(url))).toMatchObject({ reachable: true });
    mode = 0;
    const slow = await preflight(target(url), 1_000);
    expect(slow).toMatchObject({ reachable: false, reason: `no answer within the pre-flight time limit (${url})` });
    expect(slow.ms).toBeLessThan(3_000);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
