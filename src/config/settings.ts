import { UserInputError } from './errors';
import { loadDotenv } from './dotenv-file';
import { PORTAL_IDS, type PortalId } from './portals';
import { parseRunOptions, type RunOptions } from './run-options';
import { parseNotifySettings, type NotifySettings } from '../notify/settings';

export type LabMode = 'broken' | 'fixed';

export interface PortalTarget {
  id: PortalId;
  url: string;
  /** True when the URL is the embedded lab (the default); false for a real portal from .env. */
  isLab: boolean;
  /** Sign-in for PCD and M365; the Webex join is anonymous (guest name and e-mail). */
  username: string;
  password: string;
}

export interface LabPorts { pcd: number; m365: number; webex: number; payments: number }

export interface Settings {
  labMode: LabMode;
  /** Portals the lab serves as "down" (LAB_MODE=down or down:pcd,webex). */
  labDown: PortalId[];
  labPorts: LabPorts;
  targets: Record<PortalId, PortalTarget>;
  allowDestructive: boolean;
  /** Who joins Webex meetings (not a secret). */
  guest: { name: string; email: string };
  envFile: string | undefined;
  /** Workers, retries and the evidence policy: what reaches Playwright's config. */
  run: RunOptions;
  /** Webhooks told about the run (NOTIFY_*); validated here so a typo stops the run before any browser. */
  notify: NotifySettings | undefined;
}

const DEFAULT_PORTS: LabPorts = { pcd: 47101, m365: 47102, webex: 47103, payments: 47104 };
/** Lab defaults; real portals must get theirs from .env. */
const LAB_CREDENTIALS: Record<PortalId, { username: string; password: string }> = {
  pcd: { username: 'admin', password: 'Lab-Admin-1!' },
  m365: { username: 'billing.admin@contoso.example', password: 'Lab-Billing-1!' },
  webex: { username: '', password: '' },
};
const URL_VARS: Record<PortalId, string> = { pcd: 'PCD_URL', m365: 'M365_URL', webex: 'WEBEX_URL' };
const USER_VARS: Record<PortalId, [string, string] | undefined> = {
  pcd: ['PCD_USERNAME', 'PCD_PASSWORD'],
  m365: ['M365_USERNAME', 'M365_PASSWORD'],
  webex: undefined,
};

export function parsePort(name: string, env: NodeJS.ProcessEnv, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new UserInputError(`${name}=${JSON.stringify(raw)} is not a usable port: give an integer from 1024 to 65535.`);
  }
  return port;
}

export function parseLabMode(raw: string | undefined): { mode: LabMode; down: PortalId[] } {
  const value = (raw ?? 'broken').trim() || 'broken';
  if (value === 'broken' || value === 'fixed') return { mode: value, down: [] };
  const down = /^down(?::(.*))?$/.exec(value);
  if (down) {
    const list = down[1] ? down[1].split(',').map((p) => p.trim()).filter(Boolean) : [...PORTAL_IDS];
    for (const portal of list) {
      if (!(PORTAL_IDS as readonly string[]).includes(portal)) {
        throw new UserInputError(`LAB_MODE=${value}: unknown portal "${portal}". Valid portals: ${PORTAL_IDS.join(', ')}.`);
      }
    }
    return { mode: 'broken', down: list as PortalId[] };
  }
  throw new UserInputError(
    `LAB_MODE=${JSON.stringify(value)} is not valid. Use broken (default), fixed, down, or down:<portal>[,<portal>] (portals: ${PORTAL_IDS.join(', ')}).`,
  );
}

export function parseTargetUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserInputError(`${name}=${JSON.stringify(raw)} is not a URL. Give the portal's address, e.g. https://pcd.example.com/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserInputError(`${name}=${JSON.stringify(raw)} must be an http:// or https:// URL.`);
  }
  return url.href;
}

export function labUrl(portal: PortalId, ports: LabPorts): string {
  return `http://localhost:${ports[portal]}/`;
}

/** Reads .env + process.env into one validated object. Throws UserInputError naming the variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const envFile = env === process.env ? loadDotenv() : undefined;
  const { mode, down } = parseLabMode(env.LAB_MODE);
  const labPorts: LabPorts = {
    pcd: parsePort('LAB_PCD_PORT', env, DEFAULT_PORTS.pcd),
    m365: parsePort('LAB_M365_PORT', env, DEFAULT_PORTS.m365),
    webex: parsePort('LAB_WEBEX_PORT', env, DEFAULT_PORTS.webex),
    payments: parsePort('LAB_PAYMENTS_PORT', env, DEFAULT_PORTS.payments),
  };
  const used = new Set(Object.values(labPorts));
  if (used.size !== 4) throw new UserInputError('LAB_*_PORT: the four lab ports must all be different.');

  const targets = {} as Record<PortalId, PortalTarget>;
  for (const id of PORTAL_IDS) {
    const rawUrl = env[URL_VARS[id]]?.trim();
    const isLab = !rawUrl;
    const url = rawUrl ? parseTargetUrl(URL_VARS[id], rawUrl) : labUrl(id, labPorts);
    const vars = USER_VARS[id];
    if (!vars) {
      targets[id] = { id, url, isLab, username: '', password: '' };
      continue;
    }
    const [userVar, passVar] = vars;
    const username = env[userVar] ?? (isLab ? LAB_CREDENTIALS[id].username : '');
    const password = env[passVar] ?? (isLab ? LAB_CREDENTIALS[id].password : '');
    if (!isLab && (!username.trim() || !password.trim())) {
      throw new UserInputError(
        `${URL_VARS[id]} points at a real portal but ${!username.trim() ? userVar : passVar} is empty. ` +
          `Set ${userVar} and ${passVar} in .env (see .env.example).`,
      );
    }
    if (isLab && (!username.trim() || !password.trim())) {
      throw new UserInputError(`${!username.trim() ? userVar : passVar} is set but empty; remove it to use the lab default or give a value.`);
    }
    targets[id] = { id, url, isLab, username, password };
  }
  return {
    labMode: mode,
    labDown: down,
    labPorts,
    targets,
    allowDestructive: env.ALLOW_DESTRUCTIVE === '1',
    guest: { name: env.WEBEX_NAME?.trim() || 'Pat Support', email: env.WEBEX_EMAIL?.trim() || 'pat.support@contoso.example' },
    envFile,
    run: parseRunOptions(env),
    notify: parseNotifySettings(env),
  };
}
