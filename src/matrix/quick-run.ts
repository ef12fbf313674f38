/**
 * A run of a few tasks is someone waiting for an answer (a task just recorded or fixed, a re-check after a
 * browser update): `npm run matrix` then skips the Allure report unless asked (--allure), and the matrix does not
 * link a report that was not built. Plain `npx playwright test` runs are unaffected (the report is built later
 * with `npm run report`).
 */
export const QUICK_RUN_TASKS = 3;
/** Set by `npm run matrix` for its Playwright run: `auto` (skip for quick runs) or `always`. */
export const ALLURE_POLICY = 'PORTAL_MATRIX_ALLURE';

export const allureReportBuilt = (tasks: number, env: NodeJS.ProcessEnv = process.env): boolean =>
  !(env[ALLURE_POLICY] === 'auto' && tasks <= QUICK_RUN_TASKS);
