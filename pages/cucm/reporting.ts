import type { Page } from '@playwright/test';
import { readTableRows } from '../tables';

export interface NodeReplication { server: string; role: string; state: number; stateText: string }

/** Cisco Unified Reporting › System Reports › "Unified CM Database Status". */
export class UnifiedReporting {
  constructor(readonly page: Page) {}

  /** Generates a fresh report and reads each node's replication state ("2 (Setup Completed)"). */
  async generateDatabaseStatus(): Promise<NodeReplication[]> {
    await this.page.getByRole('link', { name: 'Unified CM Database Status' }).click();
    await this.page.getByRole('button', { name: 'Generate a new report' }).click();
    const table = this.page.getByRole('table', { name: 'Database replication' });
    await table.waitFor();
    return (await readTableRows(table)).map(([server, role, state]) => {
      const [, code, text] = /^(\d+)\s*\((.*)\)$/.exec(state!.trim()) ?? [];
      return { server: server!, role: role!, state: Number(code ?? NaN), stateText: text ?? state! };
    });
  }
}
