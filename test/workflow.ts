import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers';

export interface WorkflowStep { name?: string; run?: string; env?: Record<string, string>; if?: string; uses?: string }
interface Workflow { jobs: Record<string, { steps: WorkflowStep[]; needs?: string; if?: string }> }

export const NIGHTLY = path.join(ROOT, '.github', 'workflows', 'nightly.yml');
export const readNightly = (): Workflow => parse(fs.readFileSync(NIGHTLY, 'utf8')) as Workflow;

/** The step of a job whose `run` command matches. */
export function stepRunning(workflow: Workflow, job: string, command: RegExp): WorkflowStep {
  const step = workflow.jobs[job]?.steps.find((s) => s.run && command.test(s.run));
  if (!step) throw new Error(`${NIGHTLY}: job "${job}" has no step running ${command}`);
  return step;
}

/**
 * Evaluates GitHub Actions expressions the way an unconfigured repository does: every `secrets.*` and `vars.*`
 * is "", the other contexts as given; `a || b` takes the first non-empty operand, 'text' is a literal.
 */
export function evaluate(text: string, contexts: Record<string, string> = {}): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    for (const operand of expression.split('||').map((o) => o.trim())) {
      const literal = /^'(.*)'$/.exec(operand);
      const value = literal ? literal[1]! : /^(secrets|vars)\./.test(operand) ? '' : contexts[operand];
      if (value === undefined) throw new Error(`no value for \${{ ${operand} }} in this test`);
      if (value) return value;
    }
    return '';
  });
}

export const evaluateEnv = (env: Record<string, string> = {}, contexts: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(env).map(([name, value]) => [name, evaluate(String(value), contexts)]));

/** `npm run merge -- a b` → ['run', 'merge', '--', 'a', 'b'] (the workflow's commands are one simple line each). */
export const npmArgs = (command: string): string[] => {
  const [tool, ...args] = command.trim().split(/\s+/);
  if (tool !== 'npm') throw new Error(`expected an npm command, got: ${command}`);
  return args;
};
