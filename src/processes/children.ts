import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';

/*
 * Child processes that end with their whole tree. A child is started in a process group of its own (POSIX) so
 * that ending it reaches what it started in turn (tsx's node, a browser and its helpers); on Windows, where
 * ending a parent never ends its children, `taskkill /T` ends the tree. No shell in between, ever.
 */

const live = new Set<ChildProcess>();
let hooked = false;

/** Starts `file` with `args` (no shell), tracked so that it is ended when this process exits. */
export function startChild(file: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(file, args, { ...options, shell: false, windowsHide: true, detached: process.platform !== 'win32' });
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!hooked) {
    hooked = true;
    // Normal exit, process.exit() and uncaught errors all pass through 'exit'; only synchronous work runs there.
    process.once('exit', () => { for (const c of live) endTree(c, 'SIGKILL'); });
  }
  return child;
}

/**
 * `node <entry> …args` as file and arguments — a Node entry point without npx/npm/tsx launcher layers (a .ts
 * entry gets tsx as Node's loader), so a signal or a timeout reaches the program itself. For spawnSync too.
 */
export function nodeCommand(entry: string, args: readonly string[] = []): [string, string[]] {
  const loader = /\.[cm]?ts$/.test(entry) ? ['--import', 'tsx'] : [];
  return [process.execPath, [...loader, entry, ...args]];
}

/** Playwright's test CLI, for `nodeCommand(PLAYWRIGHT_CLI, ['test', …])`. */
export const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');

/** `startChild` of `nodeCommand(entry, args)`. */
export function startNode(entry: string, args: readonly string[] = [], options: SpawnOptions = {}): ChildProcess {
  return startChild(...nodeCommand(entry, args), options);
}

/** Signals the child's whole tree (its process group; `taskkill /T` on Windows). Safe on a tree that is gone. */
export function endTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])], { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Ends the tree and waits for the child to exit; what is still there after `graceMs` is killed. */
export async function stopTree(child: ChildProcess, graceMs = 5_000): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  endTree(child, 'SIGTERM');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'late') endTree(child, 'SIGKILL');
  // The leader may be gone while others in its group linger: make sure of them too.
  endTree(child, 'SIGKILL');
  await exited;
}
