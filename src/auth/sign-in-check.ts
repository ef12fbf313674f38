import type { Page } from '@playwright/test';
import type { Signals } from '../diagnosis/signals';
import { endpointOf } from '../diagnosis/endpoints';

/**
 * What the harness checks and reads around a plug-in's sign-in, for any portal: that the browser left the
 * sign-in form, what the page said when it did not, and which request the portal refused.
 */

/** Thrown when a plug-in's sign-in returned but the browser is not signed in. */
export class SignInNotDone extends Error {}

/** How long a sign-in form may take to go away after the plug-in's `run` returned (a slow redirect). */
const FORM_GONE_MS = 5_000;

/**
 * The plug-in's sign-in returned: is the browser really past the sign-in form? A visible password field means
 * it is not, whatever a (possibly loose) `isSignedIn` says; with `isSignedIn`, that must hold as well.
 */
export async function expectSignedIn(page: Page, isSignedIn: (() => Promise<boolean>) | undefined): Promise<void> {
  const passwordField = page.locator('input[type=password]').filter({ visible: true });
  const gone = await passwordField.first().waitFor({ state: 'hidden', timeout: FORM_GONE_MS }).then(() => true, () => false);
  if (!gone) throw new SignInNotDone('the sign-in form is still shown after signing in');
  if (isSignedIn && !(await isSignedIn())) throw new SignInNotDone('the portal does not show a signed-in page afterwards (its isSignedIn check says no)');
}

/**
 * The portal's own words on the page: alerts and status messages, live regions, fields marked invalid and their
 * descriptions, and visible elements whose class or id says error. Read only after a sign-in failed.
 */
export async function readPageMessage(page: Page): Promise<string | undefined> {
  const texts = await page.evaluate(() => {
    const seen: string[] = [];
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const add = (el: Element | null) => {
      const text = (el as HTMLElement | null)?.innerText?.replace(/\s+/g, ' ').trim();
      if (el && text && text.length <= 300 && visible(el) && !seen.some((s) => s.includes(text) || text.includes(s))) seen.push(text);
    };
    document.querySelectorAll('[role=alert], [role=alertdialog], [role=status], [aria-live=assertive], [aria-live=polite]').forEach(add);
    document.querySelectorAll('[aria-invalid=true]').forEach((field) => {
      for (const id of (field.getAttribute('aria-errormessage') ?? field.getAttribute('aria-describedby') ?? '').split(/\s+/)) if (id) add(document.getElementById(id));
    });
    document.querySelectorAll('[class*=error i], [id*=error i], [class*=alert i], [class*=invalid i]').forEach(add);
    return seen.slice(0, 3);
  }).catch(() => [] as string[]);
  return texts.length ? texts.join(' | ') : undefined;
}

/** The last request of the page or its scripts that the portal refused during the sign-in (`POST host/login → HTTP 401`). */
export function refusedRequest(signals: Signals): string | undefined {
  // A status the portal answered says more than a request the browser dropped (an aborted load, say).
  const newestFirst = [...signals.failedRequests].reverse();
  const failed = newestFirst.find((r) => (r.status ?? 0) >= 400) ?? newestFirst.find((r) => r.failure);
  return failed && `${failed.method} ${endpointOf(failed.url)} → ${failed.failure ?? `HTTP ${failed.status}`}`;
}
