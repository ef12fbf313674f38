import { reportsDir } from './src/config/paths';

// Reporters for `npm run merge`: Playwright's merge-reports replays the shards' blobs into these.
export default {
  testDir: './specs',
  reporter: [
    ['list'],
    ['./src/matrix/reporter.ts', { outputDir: reportsDir() }],
    ['junit', { outputFile: `${reportsDir()}/junit.xml`, includeProjectInTestName: true, stripANSIControlSequences: true }],
  ],
};
