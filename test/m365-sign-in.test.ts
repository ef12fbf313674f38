import { test, expect, chromium, type Browser } from '@playwright/test';
import { loadSettings } from '../src/portals/settings';
import { portalById } from '../src/portals/registry';
import { startReplica } from '../lab/server';
import { ACCOUNT_WITHOUT_MFA } from '../lab/m365/sign-in';
import { M365SignInPage } from '../pages/m365/sign-in-page';
import { CHROMIUM_ARGS } from '../src/browsers/catalog';
import type { RunningLabApp } from '../src/portals/definition';

/* The page object through the lab's Microsoft sign-in screens, in a real browser. */
const settings = loadSettings({ LAB_M365_PORT: '25312', LAB_PAYMENTS_PORT: '25314', LAB_PCD_PORT: '25311', LAB_WEBEX_PORT: '25313', LAB_CUCM_PORT: '25315' });
const target = settings.targets.m365!;
let replica: RunningLabApp;
let browser: Browser;
test.describe.configure({ mode: 'default' });

test.beforeAll(async () => {
  replica = await startReplica(portalById('m365'), settings);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser.close();
  await replica.close();
});

const session = async (page: import('@playwright/test').Page) => (await page.context().cookies()).find((c) => c.name === 'm365_session');

test('with MFA: password, the current TOTP code, "Stay signed in?" Yes → the admin center, a lasting session', async () => {
  const page = await browser.newPage();
  const signIn = new M365SignInPage(page, target.url);
  expect(await signIn.signIn({ email: target.username, password: target.password, totpSecret: target.totpSecret, staySignedIn: true })).toBeUndefined();
  await expect(page.getByRole('heading', { name: 'Bills & payments' })).toBeVisible();
  expect((await session(page))!.expires).toBeGreaterThan(Date.now() / 1000 + 80 * 86_400);
  expect(await signIn.isSignedIn()).toBe(true);
  await page.close();
});

test('without MFA there is no code screen; "No" keeps the session to this browser session', async () => {
  const page = await browser.newPage();
  const signIn = new M365SignInPage(page, target.url);
  expect(await signIn.signIn({ email: ACCOUNT_WITHOUT_MFA.email, password: ACCOUNT_WITHOUT_MFA.password, staySignedIn: false })).toBeUndefined();
  await expect(page.getByRole('heading', { name: 'Bills & payments' })).toBeVisible();
  expect((await session(page))!.expires).toBe(-1);
  await page.close();
});

test('a wrong password comes back in Microsoft\'s words; a code screen without a secret says what to set', async () => {
  const page = await browser.newPage();
  const signIn = new M365SignInPage(page, target.url);
  expect(await signIn.signIn({ email: target.username, password: 'Not-the-password-1' })).toBe("Your account or password is incorrect. If you don't remember your password, reset it now.");
  await expect(signIn.signIn({ email: target.username, password: target.password })).rejects.toThrow(/asks for an authenticator code: set M365_TOTP_SECRET/);
  expect(await signIn.isSignedIn()).toBe(false);
  await page.close();
});
