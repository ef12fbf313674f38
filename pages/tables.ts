import type { Locator } from '@playwright/test';

/** The body rows of a table as the user reads them: one array of cell texts per row (header row skipped). */
export async function readTableRows(table: Locator): Promise<string[][]> {
  // `has` is matched inside each row, so the inner locator starts from the page, not from the table.
  const rows = await table.getByRole('row').filter({ has: table.page().getByRole('cell') }).all();
  return Promise.all(rows.map((row) => row.getByRole('cell').allInnerTexts()));
}
