import path from 'node:path';
import { createRequire } from 'node:module';
import { labUrl, type Settings } from '../src/portals/settings';
import { ensureLabCertificate } from '../src/config/lab-certificate';
import { loadPortals, portalsDir } from '../src/portals/registry';
import type { LabAppContext, PortalDefinition, RunningLabApp } from '../src/portals/definition';

export interface RunningLab {
  /** Each replica's address, by portal id. */
  urls: Record<string, string>;
  portals: PortalDefinition[];
  close(): Promise<void>;
}

/** What a portal's replica is started with: its mode, port(s), accepted credentials and certificate. */
export function labAppContext(portal: PortalDefinition, settings: Settings): LabAppContext {
  const lab = portal.lab!;
  const port = settings.labPorts[portal.id]!;
  const target = settings.targets[portal.id]!;
  return {
    mode: settings.labMode,
    down: settings.labDown.includes(portal.id),
    host: 'localhost',
    port,
    origin: new URL(labUrl(portal, settings.labPorts)).origin,
    helperPorts: Object.fromEntries(Object.keys(lab.helperPorts ?? {}).map((name) => [name, settings.labPorts[name]!])),
    // The lab accepts whatever the run will type: the lab defaults, or the credentials set in .env.
    credentials: { username: target.username, password: target.password, totpSecret: target.totpSecret },
    tls: lab.https ? ensureLabCertificate() : undefined,
  };
}

/** Loads the replica's module (named in the plug-in, from the repository root) and starts it. */
export async function startReplica(portal: PortalDefinition, settings: Settings): Promise<RunningLabApp> {
  const { module, start } = portal.lab!.app;
  const file = path.resolve(portalsDir(), '..', module);
  const exported = (createRequire(__filename)(file) as Record<string, unknown>)[start];
  if (typeof exported !== 'function') throw new Error(`${portal.id}: lab.app names ${module} › ${start}, but that module exports no such function.`);
  return (exported as (ctx: LabAppContext) => Promise<RunningLabApp>)(labAppContext(portal, settings));
}

/**
 * Starts every portal plug-in's replica (pages/<portal>/portal.ts → lab.start). Everything binds to loopback
 * only. A port already in use names the variable that moves it.
 */
export async function startLab(settings: Settings): Promise<RunningLab> {
  const portals = loadPortals().filter((p) => p.lab);
  const started: RunningLabApp[] = [];
  try {
    for (const portal of portals) {
      try {
        started.push(await startReplica(portal, settings));
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        if (e.code === 'EADDRINUSE') {
          const vars = [`LAB_${portal.envPrefix}_PORT`, ...Object.keys(portal.lab!.helperPorts ?? {}).map((h) => `LAB_${h.toUpperCase()}_PORT`)];
          throw new Error(`A lab port of ${portal.name} is already in use (${e.message}). Stop the other process or set ${vars.join(' / ')} in .env.`, { cause: error });
        }
        throw error;
      }
    }
  } catch (error) {
    await Promise.all(started.map((a) => a.close()));
    throw error;
  }
  return {
    urls: Object.fromEntries(portals.map((p) => [p.id, labUrl(p, settings.labPorts)])),
    portals,
    close: async () => {
      await Promise.all(started.map((a) => a.close()));
    },
  };
}
