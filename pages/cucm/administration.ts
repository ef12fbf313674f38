import type { Locator, Page } from '@playwright/test';

export type CucmApplication = 'Cisco Unified CM Administration' | 'Cisco Unified Serviceability' | 'Cisco Unified Reporting';

/** The menus of Cisco Unified CM Administration and the top-right Navigation drop-down between applications. */
export class CucmAdministration {
  readonly menus: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.menus = page.getByRole('navigation', { name: 'Administration menus' });
  }

  async openHome(): Promise<void> {
    await this.page.goto(new URL('ccmadmin/showHome.do', this.baseUrl).href);
    await this.menus.waitFor();
  }

  /** e.g. `openMenu('Device', 'Phone')`: opens the menu, then its item. */
  async openMenu(menu: string, item: string): Promise<void> {
    await this.menus.getByRole('button', { name: menu, exact: true }).click();
    await this.menus.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item, exact: true }).click();
    await this.page.waitForLoadState();
  }

  /** Navigation ▾ → application → Go. */
  async switchTo(application: CucmApplication): Promise<void> {
    await this.page.getByLabel('Navigation').selectOption({ label: application });
    await this.page.getByRole('button', { name: 'Go' }).click();
    await this.page.getByRole('heading', { level: 1, name: application }).waitFor();
  }
}
