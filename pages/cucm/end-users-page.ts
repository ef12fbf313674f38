import type { Page } from '@playwright/test';
import { readTableRows } from '../tables';

export interface EndUserListing { userId: string; firstName: string; lastName: string; department: string }

/** User Management › End User › "Find and List Users". */
export class EndUsersPage {
  constructor(readonly page: Page) {}

  async findUsers(userIdPrefix: string): Promise<EndUserListing[]> {
    await this.page.getByLabel('Find User where').selectOption('User ID');
    await this.page.getByLabel('Search text').fill(userIdPrefix);
    await this.page.getByRole('button', { name: 'Find', exact: true }).click();
    const table = this.page.getByRole('table', { name: 'Users' });
    await table.waitFor();
    return (await readTableRows(table))
      .filter((cells) => cells.length === 4)
      .map(([userId, firstName, lastName, department]) => ({ userId: userId!, firstName: firstName!, lastName: lastName!, department: department! }));
  }
}
