/* eslint-disable playwright/expect-expect -- the states themselves (skip, fixme, timeout) are what is under test */
import { test, expect } from '@playwright/test';

// One test per state the matrix must show as Playwright does (pass, fail, flaky, skip, fixme, test.fail both
// ways, serial skip, timeout), plus two tests with the same title in different describe blocks.
const PAGE = '<h1>Orders</h1><button>Export</button>';

test('plain pass @everywhere', async ({ page }) => {
  await page.setContent(PAGE);
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
});

test('plain failure', async ({ page }) => {
  await page.setContent(PAGE);
  await expect(page.getByRole('heading', { name: 'Invoices' }), 'the page shows Invoices').toBeVisible({ timeout: 500 });
});

test('passes on retry', async ({ page }, testInfo) => {
  await page.setContent(PAGE);
  expect(testInfo.retry, 'first attempt fails on purpose').toBeGreaterThan(0);
});

test('skipped with a reason', async () => {
  test.skip(true, 'not applicable on this tenant');
});

test.fixme('not written yet', async () => {});

test('expected failure', async ({ page }) => {
  test.fail(true, 'known bug 123');
  await page.setContent(PAGE);
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible({ timeout: 500 });
});

test('unexpected pass', async ({ page }) => {
  test.fail(true, 'known bug 456, fixed since');
  await page.setContent(PAGE);
  await expect(page.getByRole('button', { name: 'Export' })).toBeVisible();
});

test('times out', async ({ page }) => {
  test.setTimeout(2_000);
  await page.setContent(PAGE);
  await page.getByRole('button', { name: 'Never there' }).click();
});

test.describe('serial checkout', () => {
  test.describe.configure({ mode: 'serial', retries: 0 });

  test('step one fails', async () => {
    expect(1, 'step one').toBe(2);
  });

  test('step two never runs', async () => {
    expect(true).toBe(true);
  });
});

test.describe('admin', () => {
  test('same title', async ({ page }) => {
    await page.setContent(PAGE);
    await expect(page.getByRole('button', { name: 'Export' })).toBeEnabled();
  });
});

test.describe('viewer', () => {
  test('same title', async ({ page }) => {
    await page.setContent(PAGE);
    await expect(page.getByRole('button', { name: 'Export' })).toBeVisible();
  });
});
