import type { Fixtures, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions } from '@playwright/test';
import { recordSignalsAround } from './record';
import { SecretScrubber, secretValues } from '../secrets/scrub';
import { recordLayoutAround } from '../layout/checkpoint';

export { layoutCheckpoint } from '../layout/checkpoint';

export interface SignalsFixture {
  /** Diagnosis signals of this test, attached as `portal-matrix-signals` (automatic). */
  portalMatrixSignals: undefined;
}

/**
 * The diagnosis signals for another Playwright project, packaged as `portal-matrix/signals`: page errors,
 * console errors, requests (with header names and the start of failed answers), refused cookies — bounded, with
 * the values of secret-looking environment variables masked. With them the matrix reporter names likely causes
 * and what the passing browser did differently:
 *
 *   import { test as base } from '@playwright/test';
 *   import { signalFixtures } from 'portal-matrix/signals';
 *   export const test = base.extend(signalFixtures);
 */
export const signalFixtures: Fixtures<SignalsFixture, object, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions> = {
  portalMatrixSignals: [async ({ context, browserName }, use, testInfo) => {
    await recordSignalsAround(context, browserName, new SecretScrubber(secretValues()), testInfo, () => use(undefined));
  }, { auto: true }],
};

export interface LayoutFixture {
  /** Layout checkpoints of this test, attached as `portal-matrix-layout` (automatic). */
  portalMatrixLayout: undefined;
}

/**
 * Layout checkpoints for another project, packaged as `portal-matrix/signals` too: one at the end of each passing
 * test, plus any `layoutCheckpoint('name')` the test calls. The matrix reporter compares them across the
 * project's browsers ("looks different"):
 *
 *   export const test = base.extend(signalFixtures).extend(layoutFixtures);
 */
export const layoutFixtures: Fixtures<LayoutFixture, object, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions> = {
  portalMatrixLayout: [async ({ page }, use, testInfo) => {
    await recordLayoutAround(page, testInfo, new SecretScrubber(secretValues()), () => use(undefined));
  }, { auto: true }],
};
