import type { Locator, Page } from '@playwright/test';

/**
 * The portal's own error banner (role=alert), read as text so specs can put the portal's words into the
 * failure message — that sentence is the evidence a support engineer needs.
 */
export async function readPortalError(scope: Page | Locator): Promise<string | undefined> {
  const texts = (await scope.getByRole('alert').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  return texts.length ? texts.join(' | ') : undefined;
}

/**
 * Presses a button that submits a form and waits for the next page to load, then returns the portal's error
 * if it shows one. Waiting for the navigation itself matters: a banner read too early belongs to the old page.
 */
export async function submitAndReadError(page: Page, submit: Locator): Promise<string | undefined> {
  // Mark the current document; the next page is loaded once the mark is gone. (Firefox over BiDi does not
  // report a navigation to the same URL as "framenavigated", so that event cannot be relied on.)
  await page.evaluate(() => Object.assign(window, { portalMatrixPreviousPage: true }));
  await submit.click();
  await page.waitForFunction(() => !('portalMatrixPreviousPage' in window));
  await page.waitForLoadState();
  return readPortalError(page);
}
