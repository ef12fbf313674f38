import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { ROOT } from './helpers';
import { loadPortals } from '../src/portals/registry';
import { portalCiSettings } from '../src/portals/ci-settings';
import { nodeCommand } from '../src/processes/children';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bad-'));
const file = (name: string, content: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, content);
  return f;
};
const badData = path.join(tmp, 'data');
fs.cpSync(path.join(ROOT, 'data'), badData, { recursive: true });
fs.appendFileSync(path.join(badData, 'pcd', 'tasks.csv'), 'pcd,export,Export,sometimes,x\n');
// Another portal's task in PCD's list, and a task list in a folder that is no portal's.
const strayRow = path.join(tmp, 'data-stray-row');
fs.cpSync(path.join(ROOT, 'data'), strayRow, { recursive: true });
fs.appendFileSync(path.join(strayRow, 'pcd', 'tasks.csv'), 'm365,export,Export,normal,x\n');
const strayFolder = path.join(tmp, 'data-stray-folder');
fs.cpSync(path.join(ROOT, 'data'), strayFolder, { recursive: true });
fs.mkdirSync(path.join(strayFolder, 'pcdd'));
fs.copyFileSync(path.join(strayFolder, 'pcd', 'tasks.csv'), path.join(strayFolder, 'pcdd', 'tasks.csv'));

/** Each case: what the user got wrong, and the words that must tell them what to fix. */
const CASES: [string, Record<string, string>, string[], RegExp][] = [
  ['unknown browser name', { BROWSERS: 'chromium,safari' }, [], /BROWSERS: unknown browser "safari"\. Valid names: chromium, firefox, webkit, chrome, msedge/],
  ['portal URL that is not a URL', { PCD_URL: 'pcd dot example' }, [], /PCD_URL="pcd dot example" is not a URL/],
  ['non-http portal URL', { WEBEX_URL: 'ftp://webex.example/' }, [], /WEBEX_URL="ftp:\/\/webex.example\/" must be an http:\/\/ or https:\/\/ URL/],
  ['real portal with half its credentials', { M365_URL: 'https://admin.example/', M365_USERNAME: 'admin@contoso.example' }, [], /M365_URL points at a real portal and M365_USERNAME is set but M365_PASSWORD is empty\. Set both in \.env, or neither to use a session saved with npm run sign-in -- m365/],
  ['TOTP secret that is not base32', { M365_TOTP_SECRET: 'not-a-secret-1890' }, [], /M365_TOTP_SECRET is not a base32 secret/],
  ['real portal with its password empty (empty means unset)', { M365_URL: 'https://admin.example/', M365_USERNAME: 'admin@contoso.example', M365_PASSWORD: '' }, [], /M365_URL points at a real portal and M365_USERNAME is set but M365_PASSWORD is empty/],
  ['CA given as file and as text', { CUCM_CA_FILE: file('both.pem', 'x'), CUCM_CA_PEM: 'x' }, [], /CUCM_CA_FILE and CUCM_CA_PEM are both set/],
  ['CA text without a certificate', { CUCM_CA_PEM: 'hello' }, [], /CUCM_CA_PEM holds no PEM certificate/],
  ['unknown --fail-on', {}, ['--fail-on', 'sometimes'], /--fail-on "sometimes" is not valid\. Use one of: never, regression, any-failure/],
  ['corrupt history', { MATRIX_HISTORY: file('corrupt.jsonl', '{"kind":"portal-matrix-history"\n') }, [], /corrupt\.jsonl:1: the history file is damaged/],
  ['foreign history', { MATRIX_HISTORY: file('foreign.jsonl', '{"runs":[]}\n') }, [], /foreign\.jsonl:1: not a portal-matrix history entry/],
  ['.env with a syntax error', { PORTAL_MATRIX_ENV: file('bad.env', '# ok\nBROWSERS=chromium\nthis line is wrong\n') }, [], /bad\.env:3: expected NAME=value, found "this line is wrong"/],
  ['.env with an unclosed quote', { PORTAL_MATRIX_ENV: file('quote.env', 'PCD_PASSWORD="abc\n') }, [], /quote\.env:1: the value opened with " is never closed/],
  ['bad data file', { DATA_DIR: badData }, [], /pcd\/tasks\.csv:\d+:4: column "severity" is "sometimes"; expected one of critical, normal, minor/],
  ['a task filed under another portal', { DATA_DIR: strayRow }, [], /pcd\/tasks\.csv:\d+:1: column "portal" is "m365"; expected one of pcd/],
  ['a task list in a folder that is no portal', { DATA_DIR: strayFolder }, [], /pcdd\/tasks\.csv: there is no portal "pcdd" \(pages\/pcdd\/portal\.ts\); known portals: /],
  ['unknown lab mode', { LAB_MODE: 'sideways' }, [], /LAB_MODE="sideways" is not valid/],
  ['remote endpoint that is not ws://', { PW_WS_ENDPOINT_WEBKIT: 'localhost:3000' }, [], /PW_WS_ENDPOINT_WEBKIT="localhost:3000" must start with ws:\/\//],
  ['privileged lab port', { LAB_PCD_PORT: '80' }, [], /LAB_PCD_PORT="80" is not a usable port/],
  ['workers that are not a number', { WORKERS: 'abc' }, [], /WORKERS="abc" is not valid: give a number of workers \(e\.g\. 2\) or a share of the cores/],
  ['negative retries', { RETRIES: '-1' }, [], /RETRIES="-1" is not valid: give a whole number from 0 to 9/],
  ['unknown evidence policy', { EVIDENCE: 'sometimes' }, [], /EVIDENCE="sometimes" is not valid\. Use one of: failures, retries, all/],
  ['layout checkpoints neither on nor off', { LAYOUT: 'maybe' }, [], /LAYOUT="maybe" is not valid: use on \(default\) or off/],
  ['a layout policy that is not one', { FAIL_ON: 'regression+looks' }, [], /--fail-on "regression\+looks" is not valid\. Use one of: never, regression, any-failure, optionally with \+layout/],
  ['unknown notification format', { NOTIFY_WEBHOOK_URL: 'https://hooks.example/x', NOTIFY_FORMAT: 'teamz' }, [], /NOTIFY_FORMAT="teamz" is not valid\. Use one of: teams, slack, webex, json/],
  ['webhook that is not http(s)', { NOTIFY_WEBHOOK_URL: 'hooks.example/x' }, [], /NOTIFY_WEBHOOK_URL: "hooks\.example\/x" is not a URL/],
  ['unknown TLS mode', { CUCM_TLS: 'off' }, [], /CUCM_TLS="off" is not valid: use verify \(default\) or insecure/],
  ['CA file that does not exist', { CUCM_CA_FILE: '/nonexistent/cucm-ca.pem' }, [], /CUCM_CA_FILE="\/nonexistent\/cucm-ca\.pem": no readable file there/],
  ['CA file without a certificate', { CUCM_CA_FILE: file('not-a-cert.pem', 'hello') }, [], /CUCM_CA_FILE=".*not-a-cert\.pem" holds no PEM certificate/],
  ['insecure TLS and a CA file', { CUCM_TLS: 'insecure', CUCM_CA_FILE: file('ca.pem', 'x') }, [], /CUCM_TLS=insecure and CUCM_CA_FILE are both set/],
  ['traces on retry without retries', { EVIDENCE: 'retries', RETRIES: '0' }, [], /EVIDENCE=retries records traces on the first retry, but RETRIES=0/],
];

for (const [name, env, args, message] of CASES) {
  test(`bad input: ${name} → clear message, exit 2, nothing written`, () => {
    const reports = fs.mkdtempSync(path.join(tmp, 'reports-'));
    fs.writeFileSync(path.join(reports, 'matrix.json'), 'previous run');
    const result = spawnSync(...nodeCommand('scripts/matrix.ts', args), {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, PORTAL_MATRIX_CATALOG: '', PORTAL_MATRIX_QUIET: '1', REPORTS_DIR: reports, ...env },
    });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(2);
    expect(fs.readdirSync(reports)).toEqual(['matrix.json']);
    expect(fs.readFileSync(path.join(reports, 'matrix.json'), 'utf8')).toBe('previous run');
  });
}

/** Every setting the project documents (.env.example) or a plug-in reads, each set to "" as CI passes an unset secret. */
function everySettingEmpty(): Record<string, string> {
  const documented = [...fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
  const names = [...documented, ...portalCiSettings(loadPortals()).map((s) => s.name), 'FAIL_ON', 'REPORTS_DIR', 'MATRIX_HISTORY', 'DATA_DIR', 'PORTAL_MATRIX_ENV', 'PORTAL_MATRIX_AUTH_DIR'];
  return Object.fromEntries(names.map((n) => [n, '']));
}

test('empty means unset: every setting set to "" runs as with none set (the lab, default browsers and policies)', () => {
  const empty = everySettingEmpty();
  expect(Object.keys(empty).length).toBeGreaterThan(40);
  const result = spawnSync(...nodeCommand('scripts/matrix.ts', ['--list']), { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PORTAL_MATRIX_CATALOG: '', ...empty } });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status, result.stderr).toBe(0);
  for (const portal of loadPortals()) expect(result.stdout).toMatch(new RegExp(`${portal.id}=lab \\(broken\\)`));
  expect(result.stdout).toMatch(/✓ chromium/);
});
