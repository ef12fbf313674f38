import { test, expect } from '@playwright/test';

// Modelled on Playwright's demo todo suite, served inline so it runs offline.
const TODO_APP = `<h1>todos</h1><input aria-label="What needs to be done?"><ul></ul>
<form><label>Billing month <input type="month" aria-label="Billing month"></label><button>Save</button></form>
<script>
  const input = document.querySelector('input');
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { const li = document.createElement('li'); li.textContent = input.value; document.querySelector('ul').append(li); input.value = ''; } });
</script>`;

test.beforeEach(async ({ page }) => {
  await page.setContent(TODO_APP);
});

test('shows the heading', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'todos' })).toBeVisible();
});

test('adds a todo', async ({ page }) => {
  await page.getByLabel('What needs to be done?').fill('buy milk');
  await page.getByLabel('What needs to be done?').press('Enter');
  await expect(page.getByRole('listitem')).toHaveText(['buy milk']);
});

test('month input rejects text', async ({ page }) => {
  // Only engines that implement <input type=month> refuse free text (Chromium does, Firefox ESR 153 does not).
  await page.getByLabel('Billing month').fill('2026-11').catch(() => undefined);
  await page.getByLabel('Billing month').evaluate((el: HTMLInputElement) => { el.value = 'next month'; });
  expect(await page.getByLabel('Billing month').evaluate((el: HTMLInputElement) => el.value)).toBe('');
});
