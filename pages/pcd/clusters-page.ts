import type { Locator, Page } from '@playwright/test';
import { readPortalError, submitAndReadError } from '../portal-message';
import { readTableRows } from '../tables';

export interface ClusterLogin { nickname: string; publisher: string; osUser: string; osPassword: string }
export interface NodeStatus { host: string; status: string }

/** Inventory › Clusters and the Discover Cluster wizard (lab: lab/pcd/app.ts). */
export class ClustersPage {
  readonly discoverButton: Locator;
  readonly clusters: Locator;
  readonly nickname: Locator;
  readonly publisher: Locator;
  readonly osUser: Locator;
  readonly osPassword: Locator;
  readonly next: Locator;
  readonly nodes: Locator;
  readonly resumeDiscovery: Locator;
  readonly finish: Locator;
  readonly confirmation: Locator;

  constructor(readonly page: Page) {
    this.discoverButton = page.getByRole('link', { name: 'Discover Cluster' });
    this.clusters = page.getByRole('table', { name: 'Clusters' });
    this.nickname = page.getByLabel('Choose a Nickname for this Cluster');
    this.publisher = page.getByLabel('Hostname/IP Address of Cluster Publisher');
    this.osUser = page.getByLabel('OS Admin Username');
    this.osPassword = page.getByLabel('OS Admin Password');
    this.next = page.getByRole('button', { name: 'Next' });
    this.nodes = page.getByRole('table', { name: 'Cluster nodes' });
    this.resumeDiscovery = page.getByRole('button', { name: 'Resume Discovery' });
    this.finish = page.getByRole('button', { name: 'Finish' });
    this.confirmation = page.getByRole('status');
  }

  /** Fills in the first Discover Cluster step and starts discovery; returns the portal's error if refused. */
  async discoverCluster(login: ClusterLogin): Promise<string | undefined> {
    await this.discoverButton.click();
    await this.nickname.fill(login.nickname);
    await this.publisher.fill(login.publisher);
    await this.osUser.fill(login.osUser);
    await this.osPassword.fill(login.osPassword);
    const error = await submitAndReadError(this.page, this.next);
    // Accepted: the wizard moved on to the node list, whose own status banner is no answer to this form.
    return (await this.nodes.isVisible()) ? undefined : error;
  }

  /**
   * Waits until no node is Contacting/Discovering any more and returns each node's status — or, when the portal
   * says it cannot tell (its status banner appears while nodes are still busy), its words as `error`.
   */
  async waitForDiscoveryToSettle(): Promise<{ nodes: NodeStatus[]; error?: string }> {
    const busy = this.nodes.getByRole('cell', { name: /^(Contacting|Discovering)$/ });
    await this.nodes.getByRole('row').nth(1).waitFor();
    // Settled: one of the wizard's buttons is enabled (Resume for an unreachable node, else Finish).
    const settled = this.page.getByRole('button', { name: /^(Resume Discovery|Finish)$/, disabled: false });
    await settled.or(this.page.getByRole('alert')).first().waitFor({ timeout: 15_000 });
    const error = (await busy.count()) > 0 ? await readPortalError(this.page) : undefined;
    return { nodes: await this.readNodes(), error };
  }

  async readNodes(): Promise<NodeStatus[]> {
    return (await readTableRows(this.nodes)).map(([host = '', status = '']) => ({ host, status }));
  }

  async resumeDiscoveryOfUnreachableNodes(): Promise<NodeStatus[]> {
    await this.resumeDiscovery.click();
    await this.page.getByRole('button', { name: 'Finish', disabled: false }).waitFor({ timeout: 15_000 });
    return this.readNodes();
  }

  /** Finishes the wizard and returns the confirmation the Clusters page shows. */
  async finishDiscovery(): Promise<string> {
    await this.finish.click();
    await this.confirmation.waitFor();
    return this.confirmation.innerText();
  }

  /** Cluster Type of a cluster in the inventory table, e.g. "Discovered". */
  async clusterType(nickname: string): Promise<string | undefined> {
    const row = this.clusters.getByRole('row').filter({ has: this.page.getByRole('cell', { name: nickname, exact: true }) });
    if ((await row.count()) === 0) return undefined;
    return row.getByRole('cell').nth(2).innerText();
  }
}
