import type { Locator, Page } from '@playwright/test';
import { readTableRows } from '../tables';

const FINAL_STATES = /^(Successful|Failed|Canceled)$/;

/** Monitoring › task detail: status, steps and the Start/Cancel buttons PCD shows only when valid. */
export class MonitoringPage {
  readonly status: Locator;
  readonly start: Locator;
  readonly steps: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('status', { name: 'Task status' });
    this.start = page.getByRole('button', { name: 'Start' });
    this.steps = page.getByRole('table', { name: 'Task steps' });
  }

  async taskStatus(): Promise<string> {
    return (await this.status.innerText()).trim();
  }

  /** Starts a task that waits for a manual start, then follows it to a final state and returns it. */
  async startTaskAndWaitForResult(timeoutMs = 20_000): Promise<{ finalState: string; steps: { step: string; status: string }[] }> {
    await this.start.click();
    await this.status.filter({ hasText: FINAL_STATES }).waitFor({ timeout: timeoutMs });
    const steps = (await readTableRows(this.steps)).map(([step = '', status = '']) => ({ step, status }));
    return { finalState: await this.taskStatus(), steps };
  }
}
