import { appendJobSummary } from './config/job-summary';

/** An error the user can act on: it names the file or variable and what to do. Printed without a stack. */
export class UserInputError extends Error {
  override name = 'UserInputError';
}

/**
 * At an entry point (a config file, a global setup, a script): a UserInputError becomes one line on stderr and
 * exit code 2 — the answer `npm run matrix` gives — instead of a stack trace from whoever loaded us. Anything
 * else is a bug and is thrown on with its stack.
 */
export function exitOnBadInput(error: unknown, who = 'portal-matrix'): never {
  if (!(error instanceof UserInputError)) throw error;
  process.stderr.write(`${who}: ${error.message}\n`);
  // In CI the job's summary page says it too: it is what people open first.
  appendJobSummary(`**${who} could not start:** ${error.message.split('\n')[0]}`);
  process.exit(2);
}

/** `load()`, with bad input answered as `exitOnBadInput` does. */
export function orExitOnBadInput<T>(load: () => T, who?: string): T {
  try {
    return load();
  } catch (error) {
    return exitOnBadInput(error, who);
  }
}
