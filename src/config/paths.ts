import path from 'node:path';
import { setting } from './env';

/** This checkout's root folder (the lab reports the one it was started from). */
export const CHECKOUT = path.resolve(__dirname, '..', '..');

/** Everything a run writes goes under REPORTS_DIR (default reports/), so runs can be kept side by side. */
export const reportsDir = (env: NodeJS.ProcessEnv = process.env): string => setting(env, 'REPORTS_DIR') ?? 'reports';

/** The run history behind "changed since last run" and trends; MATRIX_HISTORY moves it (e.g. to a CI cache). */
export const matrixHistoryFile = (outputDir = reportsDir(), env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(setting(env, 'MATRIX_HISTORY') ?? path.join(outputDir, 'history', 'matrix-history.jsonl'));
