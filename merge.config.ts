// Reporters for `npm run merge`: Playwright's merge-reports replays the shards' blobs into these.
export default {
  testDir: './specs',
  reporter: [['list'], ['./src/matrix/reporter.ts', { outputDir: process.env.REPORTS_DIR ?? 'reports' }]],
};
