import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { ROOT } from './helpers';
import { PLAYWRIGHT_CLI } from '../src/processes/children';

/*
 * A --grep (or --project, a file, --last-failed) run signs in to the portals it selected only. Playwright runs
 * every setup of a dependency project whatever the filter; the selection reporter hands the selection to them.
 * Shown on a small project laid out like ours: setups for two portals, a task in each.
 */
test('only the selected portals sign in; a run without filters signs in everywhere', () => {
  const dir = fs.mkdtempSync(path.join(ROOT, '.cache', 'selection-'));
  try {
    fs.mkdirSync(path.join(dir, 'specs', 'alpha'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'specs', 'beta'), { recursive: true });
    const reporter = path.join(ROOT, 'src', 'portals', 'selection.ts').replaceAll('\\', '/');
    const selection = path.join(ROOT, 'src', 'portals', 'selection').replaceAll('\\', '/');
    fs.writeFileSync(path.join(dir, 'playwright.config.ts'), `import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: './specs', reporter: [['list'], ['${reporter}']],
  projects: [{ name: 'setup', testMatch: /.*\\.setup\\.ts/ }, { name: 'main', testIgnore: /.*\\.setup\\.ts/, dependencies: ['setup'] }] });`);
    fs.writeFileSync(path.join(dir, 'specs', 'auth.setup.ts'), `import { test } from '@playwright/test';
import { portalSelected } from '${selection}';
for (const portal of ['alpha', 'beta']) test('sign in to ' + portal, () => {
  test.skip(!portalSelected(portal), 'not selected');
  console.log('SIGNED-IN ' + portal);
});`);
    for (const portal of ['alpha', 'beta']) fs.writeFileSync(path.join(dir, 'specs', portal, 'task.spec.ts'), `import { test } from '@playwright/test';\ntest('task @${portal}', () => {});\n`);
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'test', '-c', dir, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } }).stdout;
    const signedIn = (out: string) => [...out.matchAll(/SIGNED-IN (\w+)/g)].map((m) => m[1]).sort();
    expect(signedIn(run(['--grep', '@beta']))).toEqual(['beta']);
    expect(signedIn(run([path.join('specs', 'alpha')]))).toEqual(['alpha']);
    expect(signedIn(run([]))).toEqual(['alpha', 'beta']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
