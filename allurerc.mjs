// Allure Report 3 configuration (npm "allure"; no Java). Each browser is an Allure *environment*, so
// Allure's own views split results by browser; history is kept across runs like the matrix's.
import { existsSync, readFileSync } from 'node:fs';
import process from 'node:process';

// Empty means unset, as everywhere in portal-matrix.
const reports = process.env.REPORTS_DIR?.trim() || 'reports';
const matrixFile = `${reports}/matrix.json`;
const browsers = existsSync(matrixFile)
  ? JSON.parse(readFileSync(matrixFile, 'utf8')).browsers.filter((b) => b.installed)
  : [{ id: 'chromium' }, { id: 'firefox' }];

export default {
  name: 'portal-matrix',
  output: `${reports}/allure-report`,
  historyPath: process.env.ALLURE_HISTORY?.trim() || `${reports}/history/allure-history.jsonl`,
  environments: Object.fromEntries(
    browsers.map((b) => [b.id, { matcher: ({ labels }) => labels.some((l) => l.name === 'browser' && l.value === b.id) }]),
  ),
  plugins: { awesome: { options: { reportName: 'portal-matrix', groupBy: ['epic', 'feature'] } } },
};
