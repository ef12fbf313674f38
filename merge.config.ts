import path from 'node:path';
import { AUTH_DIR } from './src/auth/sign-in-state';
import { reportsDir } from './src/config/paths';

// Reporters for `npm run merge`: Playwright's merge-reports replays the shards' blobs into these.
export default {
  testDir: './specs',
  reporter: [
    ['list'],
    ['./src/matrix/reporter.ts', { outputDir: reportsDir(), sessionStates: AUTH_DIR }],
    ['junit', { outputFile: path.join(reportsDir(), 'junit.xml'), includeProjectInTestName: true, stripANSIControlSequences: true }],
  ],
};
