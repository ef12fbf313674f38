import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Engine } from '../src/browsers/catalog';

/**
 * The lab's intended breaks — the single place tests compare the matrix with. Each one comes from what the
 * engine really does (measured on these machines with Playwright 1.64.1; see the README's lab table), never
 * from the user-agent string, and each has a `LAB_MODE=fixed` counterpart that works in every engine.
 */
export interface DeclaredBreak {
  portal: string;
  task: string;
  /** Engines verified on this machine to fail the task in broken mode. */
  breaksIn: Engine[];
  /** Engines verified here to complete it in broken mode. */
  worksIn: Engine[];
  mechanism: string;
  /** What the user sees — the failure message in the report must contain it. */
  userSees: string;
  /** What the matrix's diagnosis (derived from browser signals alone) must name for this break. */
  diagnosisNames: RegExp;
  /** What the comparison with the browser that completed the task must say (its difference lines, joined). */
  differenceNames?: RegExp;
  /** Expectation for WebKit/Safari from the documented facts; NOT verified here (WebKit cannot be installed). */
  webkit: string;
  imitates: string;
  fixedMode: string;
}

/**
 * A screen that works in every engine but looks different in some: each task completes, and the matrix's
 * layout comparison must report exactly this (see src/layout).
 */
export interface DeclaredLayoutBreak {
  portal: string;
  /** Every task whose steps show the screen: each gets the finding. */
  tasks: string[];
  /** Engines verified here to render it differently (the finding is theirs). */
  looksDifferentIn: Engine[];
  mechanism: string;
  /** What the finding (describeFinding, with the browser's column title) must say. */
  finding: RegExp;
  webkit: string;
  imitates: string;
  fixedMode: string;
}

/**
 * Every replica's declared breaks, from `lab/<portal>/breaks.ts` beside the replica that implements them: no
 * central list of portals. Read synchronously (tests import this at load time).
 */
const load = createRequire(__filename);
const modules = fs.readdirSync(__dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, d.name, 'breaks.ts')))
  .sort((a, b) => a.name.localeCompare(b.name))
  .map((d) => load(path.join(__dirname, d.name, 'breaks.ts')) as { breaks: readonly DeclaredBreak[]; layoutBreaks?: readonly DeclaredLayoutBreak[] });
export const DECLARED_BREAKS: readonly DeclaredBreak[] = modules.flatMap((m) => m.breaks);
export const DECLARED_LAYOUT_BREAKS: readonly DeclaredLayoutBreak[] = modules.flatMap((m) => m.layoutBreaks ?? []);

export function declaredBreak(portal: string, task: string): DeclaredBreak | undefined {
  return DECLARED_BREAKS.find((b) => b.portal === portal && b.task === task);
}
