import { GUARD_MARK, endMarked, leftoversAfter } from '../src/processes/leftovers';

/**
 * npm test's global teardown: every process the self-tests started (they all inherit RUN_MARK from the config)
 * must be gone once the last test ended. What is left is named, ended, and fails the run.
 */
export default async function processGuard(): Promise<void> {
  const mark = process.env[GUARD_MARK];
  if (!mark) return;
  // A lab or a browser being closed by the test that started it may take a moment.
  const left = await leftoversAfter(mark, 10_000);
  if (!left.length) return;
  endMarked(left);
  throw new Error(`the tests left ${left.length} process(es) running (now ended):\n  ${left.map((p) => `pid ${p.pid}: ${p.command.slice(0, 200)}`).join('\n  ')}`);
}
