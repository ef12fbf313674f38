import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { childEnv, expectPluginCompilesAndLints, scratchCopy, secretsIn, traces, ROOT } from './helpers';
import { startRouterConsole } from './acme-router-console';
import { PLAYWRIGHT_CLI, nodeCommand, startNode } from '../src/processes/children';
import type { Matrix } from '../src/matrix/model';

/** Copies README's worked example (docs/examples/) into a checkout, as a user fills in the scaffold. */
function fillInFromExample(repo: string): void {
  const examples = path.join(ROOT, 'docs', 'examples');
  for (const dir of ['pages/acme-router', 'specs/acme-router', 'data/acme-router']) {
    for (const file of fs.readdirSync(path.join(examples, dir))) fs.copyFileSync(path.join(examples, dir, file), path.join(repo, dir, file));
  }
}

test('npm run new-portal, then README\'s example: it compiles; a wrong password reads as the portal said it; the tasks pass; sessions are reused; nothing under src/', async () => {
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
    expect(scaffold.stdout).toContain('Portal "acme-router" (Acme Router Console) added');
    // A second time is refused, clearly, and changes nothing; so is an id that is not kebab-case.
    const again = spawnSync(...nodeCommand('scripts/new-portal.ts', ['acme-router', 'Acme Router Console', router.url]), { cwd: repo, encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('A portal "acme-router" already exists');
    const bad = spawnSync(...nodeCommand('scripts/new-portal.ts', ['Acme Router', 'x', 'ftp://x']), { cwd: repo, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('must be kebab-case');
    // The plug-in's own folders only; nothing under src/.
    const changed = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((l) => l.slice(3)).sort();
    expect(changed).toEqual(['data/acme-router/tasks.csv', 'pages/acme-router/home-page.ts', 'pages/acme-router/portal.ts', 'pages/acme-router/sign-in-page.ts', 'specs/acme-router/opens.spec.ts']);
    // The scaffold writes what the README's example starts from.
    expect(fs.readFileSync(path.join(repo, 'pages/acme-router/home-page.ts'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'docs/examples/pages/acme-router/home-page.ts'), 'utf8'));
    expect(fs.readFileSync(path.join(repo, 'pages/acme-router/sign-in-page.ts'), 'utf8')).toContain("this.password = page.getByLabel('Password');");
    fillInFromExample(repo);

    // Compiles and lints as written (signIn before pages included), in the checkout it was added to.
    expectPluginCompilesAndLints(repo, 'acme-router');

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
    expect(row(first.matrix, 'opens')).toMatchObject({ title: 'Open Acme Router Console', verdict: 'all-passed' });
    expect(Object.keys(row(first.matrix, 'opens').cells).sort()).toEqual(['chromium', 'firefox']);
    expect(first.matrix.run.target['acme-router']).toBe(router.url);
    expect(first.matrix.recommendation.perPortal['acme-router']).toBe('chromium');
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
