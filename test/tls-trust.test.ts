import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, chromium } from '@playwright/test';
import { loadSettings } from '../src/portals/settings';
import { preflight } from '../src/preflight';
import { portalById } from '../src/portals/registry';
import { startReplica } from '../lab/server';
import type { RunningLabApp } from '../src/portals/definition';
import { CHROMIUM_ARGS } from '../src/browsers/catalog';
import { labCertificateFile, makeSelfSignedCertificate } from '../src/config/lab-certificate';

/*
 * Trusting a portal's certificate (<PREFIX>_CA_FILE, <PREFIX>_TLS), against the lab's CUCM replica, which serves
 * HTTPS with the self-signed certificate the lab generates: with the lab's CA file (the default), with none, with
 * a wrong CA, and insecure.
 */
const env = { LAB_CUCM_PORT: '25305', LAB_PCD_PORT: '25301', LAB_M365_PORT: '25302', LAB_WEBEX_PORT: '25303', LAB_PAYMENTS_PORT: '25304' };
const lab = loadSettings(env);
const cucmUrl = lab.targets.cucm!.url;
let replica: RunningLabApp;
test.describe.configure({ mode: 'default' });

/** Another self-signed certificate for the same host: what an impostor (or a re-installed appliance) presents. */
function otherCertificate(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-ca-'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), makeSelfSignedCertificate({ organization: 'impostor', names: ['localhost'], days: 2 }).cert);
  return path.join(dir, 'cert.pem');
}

/** CUCM as a real portal at the replica's address (what a user with CUCM_URL set gets), with these TLS settings. */
const realCucm = (tls: Record<string, string>) =>
  loadSettings({ ...env, CUCM_URL: cucmUrl, CUCM_USERNAME: 'ccmadmin', CUCM_PASSWORD: 'x', ...tls }).targets.cucm!;

test.beforeAll(async () => {
  const cucm = portalById('cucm');
  replica = await startReplica(cucm, lab);
});

test.afterAll(async () => {
  await replica.close();
});

test('the lab target trusts the lab\'s own certificate: no setting needed', async () => {
  const target = lab.targets.cucm!;
  expect(target.url).toMatch(/^https:\/\/localhost:25305\/$/);
  expect(target.tls.mode).toBe('ca-file');
  const result = await preflight(target);
  expect(result).toMatchObject({ reachable: true, certificate: { subject: 'O=portal-matrix lab, CN=localhost', selfSigned: true } });
});

test('with no CA file the self-signed certificate is refused before any browser starts, naming it and the fix', async () => {
  const target = realCucm({});
  expect(target.tls.mode).toBe('verify');
  const result = await preflight(target);
  expect(result.reachable).toBe(false);
  expect(result.reason).toMatch(/^certificate not trusted \(self-signed, subject O=portal-matrix lab, CN=localhost, SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}\) — set CUCM_CA_FILE=<pem> or CUCM_TLS=insecure \(https:\/\/localhost:25305\/\)$/);
  expect(result.reason).toContain((await preflight(lab.targets.cucm!)).certificate!.fingerprint256);
});

test('CUCM_CA_FILE trusts exactly that certificate: the right one passes, a different one is refused', async () => {
  // The file an IT team would export from the appliance: here, the lab's certificate (the key stays behind).
  const exported = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-ca-')), 'cucm.pem');
  fs.writeFileSync(exported, /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(fs.readFileSync(labCertificateFile(), 'utf8'))![0]);
  expect(await preflight(realCucm({ CUCM_CA_FILE: exported }))).toMatchObject({ reachable: true });

  const wrong = await preflight(realCucm({ CUCM_CA_FILE: otherCertificate() }));
  expect(wrong.reachable).toBe(false);
  expect(wrong.reason).toMatch(/^certificate not trusted \(self-signed, subject O=portal-matrix lab, CN=localhost, .*\): it does not chain to CUCM_CA_FILE \(.*cert\.pem\)/);
});

test('CUCM_TLS=insecure accepts the certificate (and the reports say so: see the portal-trouble e2e run)', async () => {
  const target = realCucm({ CUCM_TLS: 'insecure' });
  expect(target.tls.mode).toBe('insecure');
  expect(await preflight(target)).toMatchObject({ reachable: true });
});

test("in Chromium the CA file's key is the only exception: the lab certificate loads, another key does not help", async () => {
  const launch = (spki: string) => chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`] });
  const trusted = lab.targets.cucm!.tls;
  if (trusted.mode !== 'ca-file') throw new Error('the lab target should trust the lab certificate');
  const good = await launch(trusted.certificates[0]!.spkiSha256);
  try {
    const page = await good.newPage();
    await page.goto(cucmUrl);
    await expect(page.getByRole('heading', { name: 'Installed Applications' })).toBeVisible();
  } finally {
    await good.close();
  }
  const other = realCucm({ CUCM_CA_FILE: otherCertificate() }).tls;
  if (other.mode !== 'ca-file') throw new Error('expected a CA-file trust');
  const bad = await launch(other.certificates[0]!.spkiSha256);
  try {
    const page = await bad.newPage();
    await expect(page.goto(cucmUrl)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
  } finally {
    await bad.close();
  }
});
