// Types of `portal-matrix/signals` (dist/signals.cjs, bundled from src/diagnosis/fixture.ts).
import type { Fixtures, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions } from '@playwright/test';

export interface SignalsFixture {
  /** Diagnosis signals of this test, attached as `portal-matrix-signals` (automatic). */
  portalMatrixSignals: undefined;
}

/** `export const test = base.extend(signalFixtures);` — records what the matrix reporter's diagnosis reads. */
export declare const signalFixtures: Fixtures<SignalsFixture, object, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions>;

export interface LayoutFixture {
  /** Layout checkpoints of this test, attached as `portal-matrix-layout` (automatic). */
  portalMatrixLayout: undefined;
}

/**
 * `base.extend(signalFixtures).extend(layoutFixtures)` — a layout checkpoint at the end of each passing test,
 * compared by the matrix reporter across the project's browsers ("looks different").
 */
export declare const layoutFixtures: Fixtures<LayoutFixture, object, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions>;

/** A layout checkpoint now, named (e.g. after a menu opens); does nothing without `layoutFixtures`. */
export declare function layoutCheckpoint(name: string): Promise<void>;
