import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';

/**
 * Every process a run starts inherits this variable (browsers, the lab, tsx's node, a shell a test opened): it
 * tells the run's processes from everything else on the machine, even after their parent died and they were
 * handed to init — which a parent chain alone cannot. Runs inside runs (npm run matrix inside npm test) chain
 * their marks, space-separated, so each level can find what it started and nothing else.
 */
export const RUN_MARK = 'PORTAL_MATRIX_RUN';

/** Where a run that watches for leftovers (npm test's guard) keeps its own mark. */
export const GUARD_MARK = 'PORTAL_MATRIX_GUARD_MARK';

/** A new mark for a run started from here, and the value its processes carry (the inherited chain + it). */
export function newRunMark(kind: string, env: NodeJS.ProcessEnv = process.env): { mark: string; value: string } {
  const mark = `${kind}-${randomUUID()}`;
  const inherited = env[RUN_MARK]?.trim();
  return { mark, value: inherited ? `${inherited} ${mark}` : mark };
}

const carries = (assignment: string | undefined, mark: string) => !!assignment && assignment.slice(RUN_MARK.length + 1).split(' ').includes(mark);

export interface MarkedProcess { pid: number; command: string }

/** Processes (other than this one) whose environment carries `RUN_MARK=mark`; [] where that cannot be read. */
export function processesMarked(mark: string): MarkedProcess[] {
  if (process.platform === 'linux') return linuxMarked(mark);
  if (process.platform === 'darwin') return psMarked(mark);
  // Windows does not show another process's environment; the tree-ending of startChild is what holds there.
  return [];
}

function linuxMarked(mark: string): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!carries(environ.find((v) => v.startsWith(`${RUN_MARK}=`)), mark)) continue;
      // A zombie has no command line any more and holds nothing: it is already gone.
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').filter(Boolean).join(' ');
      if (command) found.push({ pid, command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** macOS: `ps -E` appends each process's environment to its command line (for our own processes). */
function psMarked(mark: string): MarkedProcess[] {
  const ps = spawnSync('ps', ['-E', '-ww', '-A', '-o', 'pid=,command='], { encoding: 'utf8' });
  const found: MarkedProcess[] = [];
  for (const line of (ps.stdout ?? '').split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    const at = m ? m[2]!.indexOf(` ${RUN_MARK}=`) : -1;
    if (!m || at < 0 || Number(m[1]) === process.pid) continue;
    // The value runs to the next NAME= assignment (a chain of marks holds spaces).
    const value = /^ (\S+=.*?)(?= [A-Za-z_][A-Za-z0-9_]*=|$)/.exec(m[2]!.slice(at))?.[1];
    if (carries(value, mark)) found.push({ pid: Number(m[1]), command: m[2]!.slice(0, at).slice(0, 300) });
  }
  return found;
}

/** Waits up to `graceMs` for the marked processes to end by themselves; returns those still alive. */
export async function leftoversAfter(mark: string, graceMs: number): Promise<MarkedProcess[]> {
  const until = Date.now() + graceMs;
  for (;;) {
    const left = processesMarked(mark);
    if (!left.length || Date.now() >= until) return left;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Ends the marked processes (what a run left behind). */
export function endMarked(processes: readonly MarkedProcess[]): void {
  for (const p of processes) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
