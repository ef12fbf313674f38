import type { FastifyInstance } from 'fastify';
import type { Settings } from '../src/config/settings';
import type { PortalId } from '../src/config/portals';
import { loadClusters, loadInvoices, loadMeetings, loadPaymentCards } from '../src/data';
import type { LabContext } from './context';
import { pcdApp } from './pcd/app';
import { m365App } from './m365/app';
import { webexApp } from './webex/app';
import { paymentsApp } from './payments/app';
import { CheckoutLedger } from './payments/checkouts';

export interface RunningLab {
  urls: Record<PortalId | 'payments', string>;
  close(): Promise<void>;
}

export function labContext(settings: Settings): LabContext {
  const { labPorts: ports } = settings;
  return {
    mode: settings.labMode,
    down: settings.labDown,
    ports,
    credentials: {
      pcd: { username: settings.targets.pcd.username, password: settings.targets.pcd.password },
      m365: { username: settings.targets.m365.username, password: settings.targets.m365.password },
    },
    data: { clusters: loadClusters(), invoices: loadInvoices(), meetings: loadMeetings(), paymentCards: loadPaymentCards() },
    paymentsOrigin: `http://127.0.0.1:${ports.payments}`,
    m365Origin: `http://localhost:${ports.m365}`,
  };
}

/**
 * Starts the three portals and the payment provider. Everything binds to loopback only: the portals on
 * "localhost", the provider on 127.0.0.1 — a different site as far as the browser is concerned.
 */
export async function startLab(settings: Settings): Promise<RunningLab> {
  const ctx = labContext(settings);
  const ledger = new CheckoutLedger();
  const apps: [string, FastifyInstance, string, number][] = [
    ['pcd', await pcdApp(ctx), 'localhost', ctx.ports.pcd],
    ['m365', await m365App(ctx, ledger), 'localhost', ctx.ports.m365],
    ['webex', await webexApp(ctx), 'localhost', ctx.ports.webex],
    ['payments', await paymentsApp(ctx, ledger), '127.0.0.1', ctx.ports.payments],
  ];
  const started: FastifyInstance[] = [];
  try {
    for (const [, app, host, port] of apps) {
      await app.listen({ host, port });
      started.push(app);
    }
  } catch (error) {
    await Promise.all(started.map((a) => a.close()));
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      throw new Error(`A lab port is already in use (${e.message}). Stop the other process or set LAB_PCD_PORT / LAB_M365_PORT / LAB_WEBEX_PORT / LAB_PAYMENTS_PORT in .env.`, { cause: error });
    }
    throw error;
  }
  return {
    urls: {
      pcd: `http://localhost:${ctx.ports.pcd}/`,
      m365: `http://localhost:${ctx.ports.m365}/`,
      webex: `http://localhost:${ctx.ports.webex}/`,
      payments: `${ctx.paymentsOrigin}/`,
    },
    close: async () => {
      await Promise.all(started.map((a) => a.close()));
    },
  };
}
