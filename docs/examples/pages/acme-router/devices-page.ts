import type { Locator, Page } from '@playwright/test';

/** Devices: the console's managed devices, with their status and a Reboot action on each row. */
export class DevicesPage {
  readonly heading: Locator;
  /** The console's confirmation after an action ("Reboot of lobby-ap requested."). */
  readonly confirmation: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.heading = page.getByRole('heading', { name: 'Devices' });
    this.confirmation = page.getByRole('status');
  }

  async open(): Promise<void> {
    await this.page.goto(new URL('devices', this.baseUrl).href);
    await this.heading.waitFor();
  }

  /** The Status cell of one device, for web-first checks (`toHaveText('Online')`). */
  statusOf(device: string): Locator {
    return this.rowOf(device).getByRole('cell').nth(1);
  }

  /** Asks the router to restart a device; returns once the console confirms it. */
  async rebootDevice(device: string): Promise<void> {
    await this.rowOf(device).getByRole('button', { name: 'Reboot' }).click();
    await this.confirmation.waitFor();
  }

  private rowOf(device: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name: device, exact: true }) });
  }
}
