// Types of `portal-matrix/signals` (dist/signals.cjs, bundled from src/diagnosis/fixture.ts).
import type { Fixtures, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions } from '@playwright/test';

export interface SignalsFixture {
  /** Diagnosis signals of this test, attached as `portal-matrix-signals` (automatic). */
  portalMatrixSignals: undefined;
}

/** `export const test = base.extend(signalFixtures);` — records what the matrix reporter's diagnosis reads. */
export declare const signalFixtures: Fixtures<SignalsFixture, object, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions>;
