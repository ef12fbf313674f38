import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { UserInputError } from '../errors';
import type { PortalDefinition } from './definition';

/** Where portal plug-ins live: `pages/<id>/portal.ts`, each exporting `portal` (see definePortal). */
export const portalsDir = (): string => path.resolve(__dirname, '..', '..', 'pages');

const PORTAL_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ENV_PREFIX = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

let cached: PortalDefinition[] | undefined;

/**
 * Every portal plug-in, sorted by id. Loaded lazily (not at import time) because a plug-in module imports the
 * harness's fixtures to export its own `test`.
 */
export function loadPortals(): PortalDefinition[] {
  if (cached) return cached;
  const dir = portalsDir();
  const load = createRequire(__filename);
  const portals: PortalDefinition[] = [];
  const folders = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  for (const folder of folders) {
    const file = path.join(dir, folder, 'portal.ts');
    if (!fs.existsSync(file)) continue;
    const portal = (load(file) as { portal?: PortalDefinition }).portal;
    const where = path.relative(process.cwd(), file) || file;
    if (!portal || typeof portal.pages !== 'function') {
      throw new UserInputError(`${where} must export \`portal = definePortal({ id, name, envPrefix, signIn, pages })\`.`);
    }
    if (portal.id !== folder) throw new UserInputError(`${where}: id "${portal.id}" must be the folder's name, "${folder}".`);
    if (!PORTAL_ID.test(portal.id)) throw new UserInputError(`${where}: id "${portal.id}" must be kebab-case (a-z, 0-9, dashes).`);
    if (!ENV_PREFIX.test(portal.envPrefix)) {
      throw new UserInputError(`${where}: envPrefix "${portal.envPrefix}" must be upper-case letters, digits and underscores (e.g. VCENTER).`);
    }
    const clash = portals.find((p) => p.envPrefix === portal.envPrefix);
    if (clash) throw new UserInputError(`${where}: envPrefix "${portal.envPrefix}" is already used by portal "${clash.id}".`);
    if (!portal.name?.trim()) throw new UserInputError(`${where}: give the portal a display name.`);
    portals.push(portal);
  }
  if (!portals.length) throw new UserInputError(`No portal plug-ins found: expected ${path.join(dir, '<portal>', 'portal.ts')}.`);
  cached = portals;
  return portals;
}

export const portalIds = (): string[] => loadPortals().map((p) => p.id);

export function portalById(id: string): PortalDefinition {
  const portal = loadPortals().find((p) => p.id === id);
  if (!portal) throw new UserInputError(`Unknown portal "${id}". Portals: ${portalIds().join(', ')}.`);
  return portal;
}

export const portalNames = (): Record<string, string> => Object.fromEntries(loadPortals().map((p) => [p.id, p.name]));
