import fs from 'node:fs';
import type { Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

/**
 * Used by `npm run bench` only: where each test's time goes. Playwright's JSON report keeps only test.step
 * steps, so this reads the step categories itself (fixtures, pw:api, expect) and writes BENCH_PHASES_FILE.
 */
export interface TestPhases {
  project: string;
  title: string;
  ms: number;
  setup: number;
  navigation: number;
  waitingOnPortal: number;
  actions: number;
  teardown: number;
}

// Playwright names API steps for people ("Navigate to …", "Wait for selector"), not by method.
const NAVIGATION = /^(Navigate|Reload|Go back|Wait for (navigation|load state|function|URL))/;
const WAITING = /^Wait for( selector| state| event| timeout|$)/;

function walk(steps: readonly TestStep[], into: TestPhases): void {
  for (const step of steps) {
    if (step.category === 'expect' || (step.category === 'pw:api' && WAITING.test(step.title))) into.waitingOnPortal += step.duration;
    else if (step.category === 'pw:api' && NAVIGATION.test(step.title)) into.navigation += step.duration;
    else if (step.category === 'pw:api') into.actions += step.duration;
    else walk(step.steps, into);
  }
}

export default class PhasesReporter implements Reporter {
  private readonly rows: TestPhases[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    const row: TestPhases = { project: test.parent.project()?.name ?? '', title: test.title, ms: result.duration, setup: 0, navigation: 0, waitingOnPortal: 0, actions: 0, teardown: 0 };
    for (const step of result.steps) {
      if (step.category === 'hook' && step.title === 'Before Hooks') row.setup += step.duration;
      else if (step.category === 'hook' && step.title === 'After Hooks') row.teardown += step.duration;
      else walk([step], row);
    }
    this.rows.push(row);
  }

  onEnd(): void {
    fs.writeFileSync(process.env.BENCH_PHASES_FILE ?? 'bench-phases.json', JSON.stringify(this.rows));
  }
}
