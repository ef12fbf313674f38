import fs from 'node:fs';

/**
 * Appends markdown to the CI job's summary page when the CI offers one (GitHub Actions' GITHUB_STEP_SUMMARY);
 * elsewhere nothing happens. Never throws: a summary is a courtesy, not part of the result.
 */
export function appendJobSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY?.trim();
  if (!file) return;
  try {
    fs.appendFileSync(file, `${markdown.trimEnd()}\n\n`);
  } catch {
    // The summary file is the CI's; a failure to write it must not change the run.
  }
}
