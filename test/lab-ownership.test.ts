import http from 'node:http';
import { test, expect } from '@playwright/test';
import { checkRunningLab } from '../src/global-setup';
import { CHECKOUT } from '../src/config/paths';
import type { Settings } from '../src/portals/settings';

/** A lab health endpoint as another (or this) checkout's lab answers it. */
async function labAnswering(health: object): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(health)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}

const settingsFor = (url: string) => ({
  targets: { pcd: { id: 'pcd', name: 'PCD', envPrefix: 'PCD', isLab: true, url, tls: { mode: 'verify' } } },
  labMode: 'broken',
  labDown: [],
}) as unknown as Settings;

test('a running lab from another checkout is never used: the message names it and what to do', async () => {
  const other = await labAnswering({ ok: true, mode: 'broken', down: false, checkout: '/home/someone/old-portal-matrix', pid: 4242 });
  try {
    await expect(checkRunningLab(settingsFor(other.url))).rejects.toThrow(/started from another checkout \(\/home\/someone\/old-portal-matrix\), process 4242\. Stop it .*\(LAB_PCD_PORT\)/);
  } finally {
    other.close();
  }
  const older = await labAnswering({ ok: true, mode: 'broken', down: false });
  try {
    await expect(checkRunningLab(settingsFor(older.url))).rejects.toThrow(/an older portal-matrix version/);
  } finally {
    older.close();
  }
  const ours = await labAnswering({ ok: true, mode: 'broken', down: false, checkout: CHECKOUT, pid: process.pid });
  try {
    await expect(checkRunningLab(settingsFor(ours.url))).resolves.toBeUndefined();
  } finally {
    ours.close();
  }
});
