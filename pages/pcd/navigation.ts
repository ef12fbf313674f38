import type { Locator, Page } from '@playwright/test';

export type PcdScreen = 'Clusters' | 'ESXi Hosts' | 'Upgrade' | 'Monitoring' | 'Database Replication';

/** The PCD navigation menu ("Open and close navigation"). */
export class PcdNavigation {
  readonly menuButton: Locator;
  readonly menu: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.menuButton = page.getByRole('button', { name: 'Open and close navigation' });
    this.menu = page.getByRole('navigation', { name: 'Main navigation' });
  }

  async openHome(): Promise<void> {
    await this.page.goto(this.baseUrl);
    await this.menuButton.waitFor();
  }

  /** Goes to a screen the way a user does: through the menu, opening it first if it is collapsed. */
  async goTo(screen: PcdScreen): Promise<void> {
    if (!(await this.menu.isVisible())) await this.menuButton.click();
    await this.menu.getByRole('link', { name: screen, exact: true }).click();
    await this.page.getByRole('heading', { level: 2, name: screen }).waitFor();
  }
}
