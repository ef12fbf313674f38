import os from 'node:os';
import type { ReporterDescription } from '@playwright/test';
import type { Harness } from '../harness';
import { describeBrowser } from '../browsers/catalog';

export const ALLURE_RESULTS_DIR = 'reports/allure-results';

/**
 * allure-playwright, configured so reports never carry secrets: `detail: false` keeps Playwright's own API
 * steps (whose titles include typed values) out; our test.step names are the runbook.
 */
export function allureReporter(harness: Harness, resultsDir = ALLURE_RESULTS_DIR): ReporterDescription {
  return [
    'allure-playwright',
    {
      resultsDir,
      detail: false,
      suiteTitle: false,
      environmentInfo: {
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        labMode: harness.settings.labMode,
        ...Object.fromEntries(harness.browsers.map((b) => [`browser.${b.id}`, b.installed ? describeBrowser(b) : `not installed: ${b.installHint}`])),
      },
    },
  ];
}
