import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { childEnv, ROOT } from './helpers';
import type { Matrix } from '../src/matrix/model';

/** A copy of this checkout (tracked and new files, nothing ignored) as its own git repository, sharing node_modules. */
function scratchCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-new-portal-'));
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'copy');
  return dir;
}

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
    expect(changed).toEqual(['data/tasks.csv', 'pages/intranet-wiki/home-page.ts', 'pages/intranet-wiki/portal.ts', 'specs/intranet-wiki/opens.spec.ts']);
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
