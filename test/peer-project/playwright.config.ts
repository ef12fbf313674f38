import { defineConfig } from '@playwright/test';

/*
 * Another team's Playwright project, as the README tells them to set it up: the matrix reporter installed from
 * a tarball (`npm install <portal-matrix>.tgz`) and named in `reporter`. Copied into a temporary folder with its
 * own node_modules by test/e2e-reporter-package.test.ts. `webkit` is deliberately not installed here.
 */
export default defineConfig({
  testDir: '.',
  outputDir: 'out/test-results',
  retries: 1,
  reporter: [['portal-matrix/reporter', { outputDir: 'out/matrix' }], ['json', { outputFile: 'out/playwright.json' }]],
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] } },
    },
    { name: 'webkit', use: { browserName: 'webkit' }, grep: /@everywhere/ },
  ],
});
