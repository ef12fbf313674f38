import type { Locator, Page } from '@playwright/test';
import { readTableRows } from '../tables';

export interface ReplicationNode { node: string; role: string; connection: string }
export interface ReplicationStatus { nodes: ReplicationNode[]; healthy?: string; error?: string }

/** Monitoring › Database Replication: per-node role and connection status (the seed's split-brain check). */
export class DatabaseReplicationPage {
  readonly cluster: Locator;
  readonly check: Locator;
  readonly table: Locator;
  readonly outcome: Locator;

  constructor(readonly page: Page) {
    this.cluster = page.getByLabel('Cluster');
    this.check = page.getByRole('button', { name: 'Check Replication Status' });
    this.table = page.getByRole('table', { name: 'Database replication' });
    this.outcome = page.getByRole('alert').or(page.getByRole('status').filter({ hasText: 'replication' }));
  }

  /** Checks a cluster and returns what the page shows: a row per node, and the banner (healthy or error). */
  async readReplicationStatus(cluster: string): Promise<ReplicationStatus> {
    await this.cluster.selectOption(cluster);
    await this.check.click();
    await this.outcome.first().waitFor();
    const nodes: ReplicationNode[] = (await readTableRows(this.table)).map(([node = '', role = '', connection = '']) => ({ node, role, connection }));
    const alert = this.page.getByRole('alert');
    if (await alert.isVisible()) return { nodes, error: await alert.innerText() };
    return { nodes, healthy: await this.outcome.first().innerText() };
  }
}
