import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { childEnv, expectPluginCompilesAndLints, scratchCopy, secretsIn } from './helpers';
import { PLAYWRIGHT_CLI, nodeCommand, startNode, stopTree } from '../src/processes/children';
import type { Matrix } from '../src/matrix/model';

/*
 * Recording by demonstration, with no human: a scripted user (real mouse and keyboard input, the recorder's own
 * toolbar for the check) does a task on the lab's Unified CM, seen as a freshly scaffolded portal — so the
 * recording starts on its sign-in form, with a typed password. The result must compile, lint, stay inside the
 * plug-in's folders, hold the password nowhere, and run green in both browsers.
 */
test('npm run record turns a task done once in the lab into page objects, a spec and a task row that pass in every browser', async () => {
  test.setTimeout(480_000);
  const password = `Rec-${process.pid}-Canary!`;
  const repo = scratchCopy();
  const reports = path.join(repo, 'reports', 'record');
  // The lab this checkout serves, with an account whose password only this test knows.
  const env: NodeJS.ProcessEnv = { ...childEnv('record', reports), CUCM_PASSWORD: password, BROWSERS: 'chromium,firefox', PORTAL_MATRIX_AUTH_DIR: path.join(repo, '.auth') };
  const cucm = `https://localhost:${env.LAB_CUCM_PORT}/`;
  const run = (entry: string, args: string[], extra: Record<string, string> = {}) =>
    spawnSync(...nodeCommand(entry, args), { cwd: repo, encoding: 'utf8', timeout: 240_000, env: { ...env, ...extra } });
  const lab = startNode('lab/main.ts', [], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // What the lab said, for the message when it does not come up (a port taken, a crash).
  let labOutput = '';
  for (const stream of [lab.stdout, lab.stderr]) stream?.on('data', (d: Buffer) => { labOutput = (labOutput + d.toString()).slice(-4000); });
  try {
    const up = await expect.poll(() => fetch(new URL('/lab/health', `http://localhost:${env.LAB_WEBEX_PORT}/`)).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200).then(() => true, () => false);
    expect(up, `the lab did not come up:\n${labOutput}`).toBe(true);
    expect(run('scripts/new-portal.ts', ['cucm-desk', 'CUCM desk', cucm]).status).toBe(0);

    // Bad input first: clear, exit 2, nothing written.
    for (const [args, words] of [
      [['nowhere', 'x'], /Unknown portal "nowhere"/],
      [['cucm-desk', 'Find_Phone'], /must be kebab-case/],
      [['cucm-desk', 'opens'], /Task "opens" exists in data\/cucm-desk\/tasks\.csv.*--replace/],
      [['cucm-desk', 'x', '--from', 'test/recording/empty.jsonl'], /the recording has no actions/],
    ] as const) {
      const bad = run('scripts/record.ts', [...args]);
      expect(bad.stderr, args.join(' ')).toMatch(words);
      expect(bad.status).toBe(2);
    }
    const before = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' }).stdout;

    const recorded = run('scripts/record.ts', ['cucm-desk', 'find-phone', 'Find a phone by name', '--drive', 'test/recording/cucm-desk-find-phone.ts'], { CUCM_DESK_TLS: 'insecure', RECORD_TEST_PASSWORD: password });
    expect(recorded.status, recorded.stderr + recorded.stdout).toBe(0);
    // Only the plug-in's own folders changed (the scaffold's files included); the kept recording is gitignored.
    const changed = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((l) => l.slice(3));
    expect(changed.length).toBeGreaterThan(before.split('\n').filter(Boolean).length);
    for (const file of changed) expect(file).toMatch(/^(pages|specs|data)\/cucm-desk\//);
    const read = (f: string) => fs.readFileSync(path.join(repo, f), 'utf8');

    // Page objects by screen, with role/label locators as fields and intent methods; the sign-in became the plug-in's.
    const find = read('pages/cucm-desk/find-and-list-phones-page.ts');
    expect(find).toContain('export class FindAndListPhonesPage {');
    expect(find).toContain("this.searchTextField = page.getByRole('textbox', { name: 'Search text' });");
    expect(find).toMatch(/async findPhones\(searchText: string\): Promise<void> \{\n {4}await this\.searchTextField\.fill\(searchText\);\n {4}await this\.findButton\.click\(\);/);
    expect(read('pages/cucm-desk/sign-in-page.ts')).toMatch(/async signIn\(username: string, password: string\)[\s\S]*this\.passwordField\.fill\(password\)[\s\S]*async isSignedIn\(\)/);
    expect(read('pages/cucm-desk/portal.ts')).toMatch(/signIn: \{\n\s+run: \(page, target\) => new CucmDeskSignInPage\(page, target\.url\)\.signIn\(target\.username, target\.password\),/);
    expect(read('pages/cucm-desk/portal.ts')).toContain('findAndListPhones: new FindAndListPhonesPage(page, target.url),');
    const spec = read('specs/cucm-desk/find-phone.spec.ts');
    expect(spec).toContain("test('Find a phone by name', { tag: ['@cucm-desk', '@find-phone'] }");
    expect(spec).toContain("const SEARCH_TEXT = 'SEP00AABBCC10';");
    expect(spec).toContain("await test.step('Find and List Phones › Find', () => cucmDesk.findAndListPhones.findPhones(SEARCH_TEXT));");
    expect(spec).toContain('await expect(cucmDesk.findAndListPhones.sep00aabbcc1001Link).toBeVisible();');
    expect(spec).not.toContain('https://');
    expect(read('data/cucm-desk/tasks.csv')).toMatch(/^cucm-desk,find-phone,Find a phone by name,normal,Recorded/m);
    // The password typed while recording is in no file: not the code, not the kept recording.
    expect(secretsIn(path.join(repo, 'pages'), [password]).leaks).toEqual([]);
    expect(secretsIn(path.join(repo, 'specs'), [password]).leaks).toEqual([]);
    expect(secretsIn(path.join(repo, 'data'), [password]).leaks).toEqual([]);
    const kept = secretsIn(path.join(repo, '.cache', 'recordings'), [password]);
    expect(kept.scanned).toBe(1);
    expect(kept.leaks).toEqual([]);

    // As written: compiles, lints, and runs green in Chromium and Firefox against the lab.
    expectPluginCompilesAndLints(repo, 'cucm-desk');
    await stopTree(lab);
    const matrixRun = spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'test', '--grep', '@cucm-desk'], {
      cwd: repo, encoding: 'utf8', timeout: 300_000,
      env: { ...env, CUCM_DESK_TLS: 'insecure', CUCM_DESK_USERNAME: 'ccmadmin', CUCM_DESK_PASSWORD: password },
    });
    const matrix = JSON.parse(fs.readFileSync(path.join(reports, 'matrix.json'), 'utf8')) as Matrix;
    const row = matrix.rows.find((r) => r.portal === 'cucm-desk' && r.task === 'find-phone');
    expect(row?.verdict, `${matrixRun.stdout}\n${matrixRun.stderr}`.slice(-3000)).toBe('all-passed');
    expect(Object.keys(row!.cells).sort()).toEqual(['chromium', 'firefox']);
    expect(matrixRun.status).toBe(0);
  } finally {
    await stopTree(lab);
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
