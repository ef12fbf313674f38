import { loadSettings, type Settings } from './portals/settings';
import { parseBrowserList, resolveBrowsers, describeBrowser, type BrowserEntry } from './browsers/catalog';
import { loadAllData, type KnownIssue, type Task } from './data';

export interface Harness {
  settings: Settings;
  tasks: Task[];
  knownIssues: KnownIssue[];
  browsers: BrowserEntry[];
  installed: BrowserEntry[];
  notInstalled: BrowserEntry[];
}

export { AUTH_DIR, authFile, clearAuthStates } from './auth/sign-in-state';

export { browserIdOf } from './matrix/annotations';

const CATALOG_CACHE = 'PORTAL_MATRIX_CATALOG';

/**
 * Everything the config needs, validated before any browser starts: .env, data CSVs, the browser catalog.
 * The catalog is resolved once in the runner and handed to workers through the environment.
 */
export function loadHarness(): Harness {
  const settings = loadSettings();
  const { tasks, knownIssues } = loadAllData();
  let browsers: BrowserEntry[];
  const cached = process.env[CATALOG_CACHE];
  if (cached) {
    browsers = JSON.parse(cached) as BrowserEntry[];
  } else {
    browsers = resolveBrowsers(parseBrowserList(process.env.BROWSERS));
    process.env[CATALOG_CACHE] = JSON.stringify(browsers);
    printCatalog(browsers, settings);
  }
  return { settings, tasks, knownIssues, browsers, installed: browsers.filter((b) => b.installed), notInstalled: browsers.filter((b) => !b.installed) };
}

function printCatalog(browsers: BrowserEntry[], settings: Settings): void {
  if (process.env.PORTAL_MATRIX_QUIET) return;
  const lines = browsers.map((b) => (b.installed ? `  ✓ ${b.id.padEnd(9)} ${describeBrowser(b)}` : `  ✗ ${b.id.padEnd(9)} not installed — ${b.installHint}`));
  const targets = Object.values(settings.targets).map((t) => `${t.id}=${t.isLab ? `lab (${settings.labMode}${settings.labDown.includes(t.id) ? ', down' : ''})` : t.url}${t.tls.mode === 'insecure' ? ' (TLS insecure)' : ''}`);
  console.log(`portal-matrix browsers:\n${lines.join('\n')}\n  targets: ${targets.join(' ')}`);
}
