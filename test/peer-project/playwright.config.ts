import { defineConfig } from '@playwright/test';

/*
 * Another team's Playwright project, as the README tells them to set it up: the matrix reporter installed from
 * a tarball (`npm install <portal-matrix>.tgz`) and named in `reporter`. Copied into a temporary folder with its
 * own node_modules by test/reporter-package.test.ts. `webkit` is deliberately not installed here; its project
 * also runs a test that needs no browser.
 */
export default defineConfig({
  testDir: '.',
  outputDir: 'out/test-results',
  retries: 1,
  // Its own task catalogue and known issues (its portals are no plug-ins of ours).
  reporter: [['portal-matrix/reporter', { outputDir: 'out/matrix', tasksFile: 'tasks.csv', knownIssuesFile: 'known-issues.csv' }], ['json', { outputFile: 'out/playwright.json' }]],
  projects: [
    {
      name: 'chromium',
      // PEER_CHROMIUM: the Chromium of this desk (the test passes the harness's; unset: Playwright's own build).
      use: { browserName: 'chromium', launchOptions: { executablePath: process.env.PEER_CHROMIUM || undefined, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] } },
    },
    { name: 'webkit', use: { browserName: 'webkit' }, grep: /@everywhere/ },
  ],
});
