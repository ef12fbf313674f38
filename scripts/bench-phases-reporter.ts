import fs from 'node:fs';
import type { Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

/**
 * Used by `npm run bench` only: where each test's time goes, and where a run's time goes. Playwright's JSON
 * report keeps only test.step steps, so this reads the step categories itself (fixtures, pw:api, expect) and
 * writes BENCH_PHASES_FILE. Given with --reporter (a bare run), or added to our config's reporters when
 * BENCH_PHASES_FILE is set (an `npm run matrix` run, whose own reporters must stay).
 */
export interface TestPhases {
  project: string;
  title: string;
  ms: number;
  setup: number;
  /** Inside setup: starting the browser (once per worker) and getting the portal's session (once per portal). */
  browserLaunch: number;
  signIn: number;
  navigation: number;
  waitingOnPortal: number;
  actions: number;
  teardown: number;
}

/** Wall-clock moments of the run (ms since the epoch), to split it into phases. */
export interface RunTimeline {
  /** Playwright loaded our config and created its reporters. */
  configLoaded: number;
  /** The lab answered, the global setup ran and the tests are listed: the first worker starts. */
  began: number;
  lastTestEnded?: number;
}

export interface PhasesFile {
  timeline: RunTimeline;
  tests: TestPhases[];
}

// Playwright names API steps for people ("Navigate to …", "Wait for selector"), not by method.
const NAVIGATION = /^(Navigate|Reload|Go back|Wait for (navigation|load state|function|URL))/;
const WAITING = /^Wait for( selector| state| event| timeout|$)/;

function walk(steps: readonly TestStep[], into: TestPhases): void {
  for (const step of steps) {
    if (step.category === 'fixture' && step.title === 'Fixture "browser"') into.browserLaunch += step.duration;
    else if (step.category === 'fixture' && step.title === 'Fixture "storageState"') into.signIn += step.duration;
    else if (step.category === 'expect' || (step.category === 'pw:api' && WAITING.test(step.title))) into.waitingOnPortal += step.duration;
    else if (step.category === 'pw:api' && NAVIGATION.test(step.title)) into.navigation += step.duration;
    else if (step.category === 'pw:api') into.actions += step.duration;
    else walk(step.steps, into);
  }
}

export default class PhasesReporter implements Reporter {
  private readonly tests: TestPhases[] = [];
  private readonly timeline: RunTimeline = { configLoaded: Date.now(), began: 0 };

  onBegin(): void {
    this.timeline.began = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.timeline.lastTestEnded = Date.now();
    const row: TestPhases = { project: test.parent.project()?.name ?? '', title: test.title, ms: result.duration, setup: 0, browserLaunch: 0, signIn: 0, navigation: 0, waitingOnPortal: 0, actions: 0, teardown: 0 };
    for (const step of result.steps) {
      if (step.category === 'hook' && step.title === 'Before Hooks') {
        row.setup += step.duration;
        // Only the browser start and the sign-in are taken from inside the setup; its API calls stay "setup".
        const inside = { ...row, browserLaunch: 0, signIn: 0 };
        walk(step.steps, inside);
        row.browserLaunch += inside.browserLaunch;
        row.signIn += inside.signIn;
      } else if (step.category === 'hook' && step.title === 'After Hooks') row.teardown += step.duration;
      else walk([step], row);
    }
    this.tests.push(row);
  }

  onEnd(): void {
    const file: PhasesFile = { timeline: this.timeline, tests: this.tests };
    fs.writeFileSync(process.env.BENCH_PHASES_FILE ?? 'bench-phases.json', JSON.stringify(file));
  }

  printsToStdio(): boolean {
    return false;
  }
}
