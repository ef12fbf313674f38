import type { Reporter } from '@playwright/test/reporter';
export default class MatrixReporter implements Reporter {}
