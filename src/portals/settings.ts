import { UserInputError } from '../errors';
import { setting } from '../config/env';
import { loadDotenv } from '../config/dotenv-file';
import { parseRunOptions, type RunOptions } from '../config/run-options';
import { parseTlsTrust } from '../config/tls';
import { parseTotpSecret } from '../auth/totp';
import { ensureLabCertificate, labCertificateFile } from '../config/lab-certificate';
import { parseNotifySettings, type NotifySettings } from '../notify/settings';
import { loadPortals } from './registry';
import type { LabMode, PortalDefinition, PortalTarget } from './definition';

export type { LabMode, PortalTarget } from './definition';

export interface Settings {
  labMode: LabMode;
  /** Portals the lab serves as "down" (LAB_MODE=down or down:pcd,webex). */
  labDown: string[];
  /** Lab ports by portal id, and by helper name for a replica's extra sites. */
  labPorts: Record<string, number>;
  targets: Record<string, PortalTarget>;
  allowDestructive: boolean;
  envFile: string | undefined;
  /** Workers, retries and the evidence policy: what reaches Playwright's config. */
  run: RunOptions;
  /** Webhooks told about the run (NOTIFY_*); validated here so a typo stops the run before any browser. */
  notify: NotifySettings | undefined;
}

export function parsePort(name: string, env: NodeJS.ProcessEnv, fallback: number): number {
  const raw = setting(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new UserInputError(`${name}=${JSON.stringify(raw)} is not a usable port: give an integer from 1024 to 65535.`);
  }
  return port;
}

export function parseLabMode(raw: string | undefined, portalIds: readonly string[]): { mode: LabMode; down: string[] } {
  const value = (raw ?? 'broken').trim() || 'broken';
  if (value === 'broken' || value === 'fixed') return { mode: value, down: [] };
  const down = /^down(?::(.*))?$/.exec(value);
  if (down) {
    const list = down[1] ? down[1].split(',').map((p) => p.trim()).filter(Boolean) : [...portalIds];
    for (const portal of list) {
      if (!portalIds.includes(portal)) {
        throw new UserInputError(`LAB_MODE=${value}: unknown portal "${portal}". Valid portals: ${portalIds.join(', ')}.`);
      }
    }
    return { mode: 'broken', down: list };
  }
  throw new UserInputError(
    `LAB_MODE=${JSON.stringify(value)} is not valid. Use broken (default), fixed, down, or down:<portal>[,<portal>] (portals: ${portalIds.join(', ')}).`,
  );
}

export function parseTargetUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserInputError(`${name}=${JSON.stringify(raw)} is not a URL. Give the portal's address, e.g. https://portal.example.com/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserInputError(`${name}=${JSON.stringify(raw)} must be an http:// or https:// URL.`);
  }
  return url.href;
}

export function labUrl(portal: PortalDefinition, ports: Record<string, number>): string {
  return `${portal.lab?.https ? 'https' : 'http'}://localhost:${ports[portal.id]}/`;
}

/** `LAB_<PREFIX>_PORT` for each replica, `LAB_<HELPER>_PORT` for its extra sites; all different. */
function parseLabPorts(portals: PortalDefinition[], env: NodeJS.ProcessEnv): Record<string, number> {
  const ports: Record<string, number> = {};
  const owner = new Map<number, string>();
  const claim = (key: string, variable: string, fallback: number) => {
    const port = parsePort(variable, env, fallback);
    const other = owner.get(port);
    if (other) throw new UserInputError(`${variable}=${port}: the lab already uses port ${port} for ${other}; every lab port must be different.`);
    owner.set(port, variable);
    ports[key] = port;
  };
  for (const portal of portals) {
    if (!portal.lab) continue;
    claim(portal.id, `LAB_${portal.envPrefix}_PORT`, portal.lab.port);
    for (const [helper, port] of Object.entries(portal.lab.helperPorts ?? {})) claim(helper, `LAB_${helper.toUpperCase()}_PORT`, port);
  }
  return ports;
}

function parseTarget(portal: PortalDefinition, env: NodeJS.ProcessEnv, labPorts: Record<string, number>): PortalTarget {
  const prefix = portal.envPrefix;
  const urlVar = `${prefix}_URL`;
  // A portal's own default address (its definition's `url`) stands in for <PREFIX>_URL when it has no lab.
  const ownUrl = setting(env, urlVar)?.trim();
  const rawUrl = ownUrl || (portal.lab ? undefined : portal.url);
  if (!rawUrl && !portal.lab) {
    throw new UserInputError(`${urlVar} is not set: ${portal.name} has no lab replica, so give its address in .env (e.g. ${urlVar}=https://portal.example.com/).`);
  }
  const isLab = !rawUrl;
  const url = rawUrl ? parseTargetUrl(ownUrl ? urlVar : `url in pages/${portal.id}/portal.ts`, rawUrl) : labUrl(portal, labPorts);
  // The lab's HTTPS replicas are trusted through the lab's own certificate, like a CA file, never "insecure".
  const labCa = isLab && portal.lab?.https ? (ensureLabCertificate(), labCertificateFile()) : undefined;
  const tls = parseTlsTrust(prefix, env, labCa);
  const options = Object.fromEntries(Object.entries(portal.options ?? {}).map(([name, option]) => [name, setting(env, `${prefix}_${name}`)?.trim() ?? option.default]));
  const base = { id: portal.id, name: portal.name, envPrefix: prefix, url, isLab, tls, options };
  if (portal.signIn === 'anonymous') return { ...base, username: '', password: '' };

  const [userVar, passVar, totpVar] = [`${prefix}_USERNAME`, `${prefix}_PASSWORD`, `${prefix}_TOTP_SECRET`];
  const lab = isLab ? portal.lab?.credentials : undefined;
  // Empty means unset (CI passes unconfigured secrets as ""): the lab's own account fills what is not given.
  const username = setting(env, userVar) ?? lab?.username ?? '';
  const password = setting(env, passVar) ?? lab?.password ?? '';
  const rawTotp = setting(env, totpVar)?.trim() ?? lab?.totpSecret;
  const totpSecret = rawTotp ? parseTotpSecret(totpVar, rawTotp) : undefined;
  // A real portal may have no credentials at all: its tasks then use a session saved with `npm run sign-in`
  // (single sign-on, push MFA). Half a pair is a mistake.
  if (!isLab && !username !== !password) {
    const [set, empty] = username ? [userVar, passVar] : [passVar, userVar];
    throw new UserInputError(`${urlVar} points at a real portal and ${set} is set but ${empty} is empty. Set both in .env, or neither to use a session saved with npm run sign-in -- ${portal.id}.`);
  }
  return { ...base, username, password, ...(totpSecret ? { totpSecret } : {}) };
}

/** Reads .env + process.env into one validated object. Throws UserInputError naming the variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const envFile = env === process.env ? loadDotenv() : undefined;
  const portals = loadPortals();
  const { mode, down } = parseLabMode(setting(env, 'LAB_MODE'), portals.map((p) => p.id));
  const labPorts = parseLabPorts(portals, env);
  const targets = Object.fromEntries(portals.map((p) => [p.id, parseTarget(p, env, labPorts)]));
  return {
    labMode: mode,
    labDown: down,
    labPorts,
    targets,
    allowDestructive: env.ALLOW_DESTRUCTIVE === '1',
    envFile,
    run: parseRunOptions(env),
    notify: parseNotifySettings(env),
  };
}
