import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { childEnv, scratchCopy, secretsIn, traces, ROOT } from './helpers';
import { startRouterConsole } from './acme-router-console';
import { PLAYWRIGHT_CLI, nodeCommand, startNode } from '../src/processes/children';
import type { Matrix } from '../src/matrix/model';

/** The team's intranet page the new portal points at: a small local page with a sign-in form. */
function startIntranetPage(): Promise<{ url: string; stop: () => void }> {
  const page = '<!doctype html><title>Intranet wiki</title><h1>Intranet wiki</h1><form><label>User <input name=u></label><label>Password <input type=password name=p></label><button>Sign in</button></form>';
  const child = spawn(process.execPath, ['-e', `require('http').createServer((q, r) => r.end(${JSON.stringify(page)})).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port)); })`]);
  return new Promise((resolve) => child.stdout.once('data', (d: Buffer) => resolve({ url: `http://127.0.0.1:${d.toString().trim()}/wiki/`, stop: () => child.kill() })));
}

test('npm run new-portal adds a portal that the matrix runs straight away, with no change under src/', async () => {
  const repo = scratchCopy();
  const intranet = await startIntranetPage();
  try {
    const scaffold = spawnSync('npx', ['tsx', 'scripts/new-portal.ts', 'intranet-wiki', 'Intranet wiki', intranet.url], { cwd: repo, encoding: 'utf8' });
    expect(scaffold.status, scaffold.stderr).toBe(0);
    expect(scaffold.stdout).toContain('Portal "intranet-wiki" (Intranet wiki) added');
    // A second time is refused, clearly, and changes nothing.
    const again = spawnSync('npx', ['tsx', 'scripts/new-portal.ts', 'intranet-wiki', 'Intranet wiki', intranet.url], { cwd: repo, encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('A portal "intranet-wiki" already exists');
    const bad = spawnSync('npx', ['tsx', 'scripts/new-portal.ts', 'Intranet Wiki', 'x', 'ftp://x'], { cwd: repo, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('must be kebab-case');

    const changed = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((l) => l.slice(3)).sort();
    expect(changed).toEqual(['data/intranet-wiki/tasks.csv', 'pages/intranet-wiki/home-page.ts', 'pages/intranet-wiki/portal.ts', 'specs/intranet-wiki/opens.spec.ts']);
    expect(changed.filter((f) => f.startsWith('src/'))).toEqual([]);

    const reportsDir = path.join(repo, 'reports');
    const run = spawnSync('npx', ['playwright', 'test', '--grep', '@intranet-wiki'], {
      cwd: repo, encoding: 'utf8', timeout: 300_000, env: { ...childEnv('new-portal', reportsDir), BROWSERS: 'chromium,firefox', MATRIX_HISTORY: path.join(reportsDir, 'history.jsonl') },
    });
    const matrixFile = path.join(reportsDir, 'matrix.json');
    expect(fs.existsSync(matrixFile), `${run.stdout}\n${run.stderr}`.slice(-3000)).toBe(true);
    const matrix = JSON.parse(fs.readFileSync(matrixFile, 'utf8')) as Matrix;
    const row = matrix.rows.find((r) => r.portal === 'intranet-wiki' && r.task === 'opens');
    expect(row, JSON.stringify(matrix.rows.map((r) => `${r.portal}/${r.task}`))).toBeDefined();
    expect(row!.title).toBe('Open Intranet wiki');
    expect(row!.verdict).toBe('all-passed');
    expect(Object.keys(row!.cells).sort()).toEqual(['chromium', 'firefox']);
    expect(matrix.run.target['intranet-wiki']).toBe(intranet.url);
    expect(matrix.recommendation.perPortal['intranet-wiki']).toBe('chromium');
    expect(run.status).toBe(0);
  } finally {
    intranet.stop();
    fs.rmSync(repo, { recursive: true, force: true });
  }
});

/** Copies README's worked example (docs/examples/) into a checkout, as a user fills in the scaffold. */
function fillInFromExample(repo: string): void {
  const examples = path.join(ROOT, 'docs', 'examples');
  for (const dir of ['pages/acme-router', 'specs/acme-router', 'data/acme-router']) {
    for (const file of fs.readdirSync(path.join(examples, dir))) fs.copyFileSync(path.join(examples, dir, file), path.join(repo, dir, file));
  }
}

test('a newcomer\'s portal with sign-in: README example compiles; a wrong password reads as the portal said it; sessions are reused', async () => {
  test.setTimeout(420_000);
  const account = { username: 'netadmin', password: `Right-${Date.now()}` };
  const wrong = `Wrong-${process.pid}-canary`;
  const router = await startRouterConsole(account);
  const repo = scratchCopy();
  const reportsDir = (name: string) => path.join(repo, 'reports', name);
  // Asynchronous: the console answers from this process while the run goes on.
  const matrixRun = async (name: string, env: Record<string, string>) => {
    const dir = reportsDir(name);
    const child = startNode(PLAYWRIGHT_CLI, ['test', '--grep', '@acme-router'], {
      cwd: repo,
      env: { ...childEnv(`acme-${name}`, dir), PORTAL_MATRIX_AUTH_DIR: path.join(repo, '.auth'), BROWSERS: 'chromium,firefox', ACME_ROUTER_URL: router.url, ACME_ROUTER_USERNAME: account.username, ...env },
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const file = path.join(dir, 'matrix.json');
    expect(fs.existsSync(file), output.slice(-3000)).toBe(true);
    return { status, output, matrix: JSON.parse(fs.readFileSync(file, 'utf8')) as Matrix, dir };
  };
  try {
    const scaffold = spawnSync(...nodeCommand('scripts/new-portal.ts', ['acme-router', 'Acme Router Console', router.url, '--sign-in']), { cwd: repo, encoding: 'utf8' });
    expect(scaffold.status, scaffold.stderr).toBe(0);
    // The scaffold writes what the README's example starts from.
    expect(fs.readFileSync(path.join(repo, 'pages/acme-router/home-page.ts'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'docs/examples/pages/acme-router/home-page.ts'), 'utf8'));
    expect(fs.readFileSync(path.join(repo, 'pages/acme-router/sign-in-page.ts'), 'utf8')).toContain("this.password = page.getByLabel('Password');");
    fillInFromExample(repo);

    // Compiles and lints as written (signIn before pages included), in the checkout it was added to.
    fs.writeFileSync(path.join(repo, 'tsconfig.acme.json'), JSON.stringify({ extends: './tsconfig.json', include: ['pages/acme-router', 'specs/acme-router'] }));
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.acme.json'], { cwd: repo, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout).toBe(0);
    const lint = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), 'pages/acme-router', 'specs/acme-router'], { cwd: repo, encoding: 'utf8' });
    expect(lint.status, lint.stdout).toBe(0);

    // A wrong password, with a signed-in check so loose that it always says yes: still could not run, in the
    // portal's words and with the refused request; not retried, no trace, the run red, the password nowhere.
    const portalFile = path.join(repo, 'pages/acme-router/portal.ts');
    const example = fs.readFileSync(portalFile, 'utf8');
    fs.writeFileSync(portalFile, example.replace(/isSignedIn: \(page, target\) => .*\n/, 'isSignedIn: async () => true,\n'));
    const refused = await matrixRun('wrong', { ACME_ROUTER_PASSWORD: wrong, RETRIES: '1' });
    expect(refused.status, refused.output.slice(-4000)).not.toBe(0);
    const port = new URL(router.url).port;
    for (const row of refused.matrix.rows.filter((r) => r.portal === 'acme-router')) {
      expect(row.verdict, row.task).toBe('could-not-run');
      for (const engine of ['chromium', 'firefox']) {
        expect(row.cells[engine]).toMatchObject({ status: 'broken', blocked: true, attempts: 1 });
        expect(row.cells[engine]!.reason).toBe(`sign-in to Acme Router Console failed: the sign-in form is still shown after signing in — the portal showed: "Invalid username or password." — POST 127.0.0.1:${port}/login → HTTP 401`);
      }
    }
    expect(traces(refused.dir)).toEqual([]);
    expect(secretsIn(refused.dir, [wrong]).leaks).toEqual([]);
    fs.writeFileSync(portalFile, example);

    // The right password: the tasks pass; the reboot changes a device, so on a real router it waits for ALLOW_DESTRUCTIVE.
    const before = router.signInRequests();
    const first = await matrixRun('right', { ACME_ROUTER_PASSWORD: account.password });
    const row = (m: Matrix, task: string) => m.rows.find((r) => r.portal === 'acme-router' && r.task === task)!;
    expect(row(first.matrix, 'list-devices').verdict, first.output.slice(-3000)).toBe('all-passed');
    expect(row(first.matrix, 'opens').verdict).toBe('all-passed');
    expect(row(first.matrix, 'reboot-device').cells.chromium).toMatchObject({ status: 'not-run', reason: expect.stringContaining('set ALLOW_DESTRUCTIVE=1 to run it') });
    // One sign-in per browser at most: a session one browser saved may be offered to the other (cookies are the same).
    expect(router.signInRequests() - before).toBeGreaterThanOrEqual(1);
    expect(router.signInRequests() - before).toBeLessThanOrEqual(2);
    expect(first.status).toBe(0);

    // The next run reuses the saved sessions: no sign-in request at all.
    const signInsBefore = router.signInRequests();
    const second = await matrixRun('again', { ACME_ROUTER_PASSWORD: account.password, ALLOW_DESTRUCTIVE: '1' });
    expect(row(second.matrix, 'reboot-device').verdict, second.output.slice(-3000)).toBe('all-passed');
    expect(router.signInRequests()).toBe(signInsBefore);
    expect(second.status).toBe(0);
  } finally {
    await router.stop();
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
