import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { loadPortals, portalNames } from '../src/portals/registry';
import { portalCiSettings, settingsTable } from '../src/portals/ci-settings';
import { ROOT, npmCommand } from './helpers';
import { evaluate, evaluateEnv, npmArgs, readNightly, stepRunning } from './workflow';

const settings = portalCiSettings(loadPortals());
const shardStep = stepRunning(readNightly(), 'shard', /--shard=/);

test('the nightly shard step passes every setting of every portal plug-in, as a variable or a secret', () => {
  for (const s of settings) {
    expect(shardStep.env?.[s.name], `${s.name} (${s.portal}) is missing from the shard step's env: run npm run ci-settings`).toBe(`\${{ ${s.kind === 'secret' ? 'secrets' : 'vars'}.${s.name} }}`);
  }
  // And nothing stale: every portal setting there belongs to a plug-in.
  const prefixes = loadPortals().map((p) => `${p.envPrefix}_`);
  const known = new Set(settings.map((s) => s.name));
  expect(Object.keys(shardStep.env ?? {}).filter((n) => prefixes.some((p) => n.startsWith(p)) && !known.has(n))).toEqual([]);
});

test("the README's table of CI variables and secrets is the one the plug-ins give", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const table = /<!-- ci-settings:start -->\n([\s\S]*?)\n<!-- ci-settings:end -->/.exec(readme)?.[1];
  expect(table, 'README.md needs the table between <!-- ci-settings:start --> and <!-- ci-settings:end -->').toBe(settingsTable(settings, portalNames()));
});

/** The shard step's command as an unconfigured repository runs it, with `extra` arguments and env. */
function runShard(extraArgs: string[], extraEnv: Record<string, string> = {}) {
  const command = evaluate(shardStep.run!, { 'matrix.shard': '1' });
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-nightly-'));
  const { file, args } = npmCommand([...npmArgs(command), ...extraArgs]);
  const result = spawnSync(file, args, {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, CI: 'true', PORTAL_MATRIX_CATALOG: '', REPORTS_DIR: reports, GITHUB_STEP_SUMMARY: path.join(reports, 'summary.md'), ...evaluateEnv(shardStep.env), ...extraEnv },
  });
  return { ...result, reports };
}

test('first night on a fresh fork: every secret and variable unset ("") → the shard runs against the lab', () => {
  const result = runShard(['--list']);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status, result.stderr).toBe(0);
  for (const portal of loadPortals()) expect(result.stdout).toContain(`${portal.id}/`);
});

test('a secret set to a bad value: the shard stops with one line naming it, exit 2, and says so in the job summary', () => {
  const result = runShard(['--list'], { M365_TOTP_SECRET: 'not base32!' });
  expect(result.status).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  const ours = result.stderr.split('\n').filter((l) => l.startsWith('portal-matrix:'));
  expect(ours).toEqual([expect.stringMatching(/^portal-matrix: M365_TOTP_SECRET is not a base32 secret/)]);
  expect(fs.readFileSync(path.join(result.reports, 'summary.md'), 'utf8')).toContain('M365_TOTP_SECRET is not a base32 secret');
  expect(fs.readdirSync(result.reports)).toEqual(['summary.md']);
});

test('plain npx playwright test with a bad setting: one line, exit 2, no stack trace', () => {
  const result = spawnSync(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '--list'], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PORTAL_MATRIX_CATALOG: '', CUCM_TLS: 'off' },
  });
  expect(result.status).toBe(2);
  expect(result.stderr.trim()).toBe('portal-matrix: CUCM_TLS="off" is not valid: use verify (default) or insecure (accept any certificate; every report says so).');
});
