import type { Locator, Page } from '@playwright/test';
import { submitAndReadError } from '../portal-message';
import { readTableRows } from '../tables';

/** Inventory › ESXi Hosts and its "Add ESXi Host" form. */
export class EsxiHostsPage {
  readonly addButton: Locator;
  readonly hostname: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly ok: Locator;
  readonly hosts: Locator;

  constructor(readonly page: Page) {
    this.addButton = page.getByRole('link', { name: 'Add ESXi Host' });
    this.hostname = page.getByLabel('Hostname/IP Address');
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.ok = page.getByRole('button', { name: 'OK' });
    this.hosts = page.getByRole('table', { name: 'ESXi Hosts' });
  }

  /** Adds a host; returns what the portal said (confirmation or error). */
  async addEsxiHost(host: { hostname: string; username: string; password: string }): Promise<{ confirmation?: string; error?: string }> {
    await this.addButton.click();
    await this.hostname.fill(host.hostname);
    await this.username.fill(host.username);
    await this.password.fill(host.password);
    const error = await submitAndReadError(this.page, this.ok);
    if (error) return { error };
    return { confirmation: await this.page.getByRole('status').innerText() };
  }

  /** Hostnames listed in the inventory table. */
  async hostnames(): Promise<string[]> {
    return (await readTableRows(this.hosts)).map(([hostname = '']) => hostname);
  }
}
