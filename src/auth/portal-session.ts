import type { Browser, BrowserContext, BrowserContextOptions } from '@playwright/test';
import type { PortalDefinition, PortalSignIn, PortalTarget } from '../portals/definition';
import { SecretScrubber, secretValues } from '../secrets/scrub';
import { SignalRecorder } from '../diagnosis/record';
import { expectSignedIn, readPageMessage, refusedRequest } from './sign-in-check';
import {
  authFile, explainSignInError, hasRunSession, readSignInFailure, recordSignInFailure, refreshSession, saveSession,
  savedSessionsFor, withRunLock, writeRunState, type SavedSession,
} from './sign-in-state';

/** This run's session for a portal in one browser: a storage-state file its tasks start from, or why there is none. */
export type PortalSession = { storageState?: string; failure?: undefined } | { storageState?: undefined; failure: string };

export interface SessionRequest {
  browser: Browser;
  browserId: string;
  portal: PortalDefinition;
  target: PortalTarget;
  /** Options of the context the sign-in runs in (certificate trust, user agent), as the tasks' contexts get. */
  contextOptions: BrowserContextOptions;
}

/**
 * The session a portal's tasks start from in one browser, obtained once per run: the first worker that needs it
 * signs in (a saved session that still works, else the plug-in's sign-in) while the others wait, then reuse its
 * result — so a portal is asked once per browser (a TOTP code is never typed twice in the same window) and a
 * refused sign-in is not repeated for every task. Called from the tasks' storageState fixture, which Playwright
 * sets up before the test's trace, screenshot and step recording starts (src/fixtures.ts).
 */
export async function portalSession(request: SessionRequest): Promise<PortalSession> {
  const { browserId, portal } = request;
  const how = portal.signIn;
  if (how === 'anonymous') return {};
  const known = () => {
    const failure = readSignInFailure(browserId, portal.id);
    if (failure) return { failure };
    return hasRunSession(browserId, portal.id) ? { storageState: authFile(browserId, portal.id) } : undefined;
  };
  return known() ?? withRunLock(browserId, portal.id, async () => {
    const again = known();
    if (again) return again;
    const failure = await signIn(request, how);
    if (failure) {
      recordSignInFailure(browserId, portal.id, failure);
      // Said once per portal and browser; its tasks report "could not run" with this reason.
      console.log(`portal-matrix: ${browserId}: ${failure}`);
      return { failure };
    }
    return { storageState: authFile(browserId, portal.id) };
  });
}

const day = (iso: string) => iso.slice(0, 10);

/** Signs in and keeps the session as this run's; returns why it could not. */
async function signIn({ browser, browserId, target, contextOptions }: SessionRequest, { run, isSignedIn }: PortalSignIn): Promise<string | undefined> {
  /** This run's state; saved for later runs as `how`, or — `refresh` — a saved session's cookies renewed, its date kept. */
  const keep = async (context: BrowserContext, how: string, refresh = false) => {
    const state = JSON.stringify(await context.storageState());
    writeRunState(browserId, target.id, state);
    if (refresh) refreshSession(browserId, target.id, state);
    else saveSession(browserId, target.id, state, how);
  };
  // 1. A saved session — this browser's, then one captured in another browser — used only where it still works.
  let stale: SavedSession | undefined;
  for (const saved of isSignedIn ? savedSessionsFor(target.id, browserId) : []) {
    const context = await browser.newContext({ ...contextOptions, storageState: saved.file });
    try {
      if (await isSignedIn!(await context.newPage(), target)) {
        const own = saved.browserId === browserId;
        await keep(context, own ? saved.how : `offered by ${saved.browserId}`, own);
        console.log(`portal-matrix: ${browserId}: ${target.name}: signed in with the session saved ${day(saved.savedAt)} (${saved.how}${own ? '' : `, in ${saved.browserId}`})`);
        return undefined;
      }
      if (saved.browserId === browserId) stale = saved;
    } catch {
      if (saved.browserId === browserId) stale = saved;
    } finally {
      await context.close();
    }
  }
  const expired = stale ? `the saved ${target.name} session is no longer valid (saved ${day(stale.savedAt)})` : undefined;
  // 2. Neither a working session nor credentials: say what to do. Never a task failure, never a browser's fault.
  if (!target.username) {
    return expired
      ? `${expired}; run npm run sign-in -- ${target.id}`
      : `no saved ${target.name} session and no credentials: run npm run sign-in -- ${target.id}, or set ${target.envPrefix}_USERNAME and ${target.envPrefix}_PASSWORD`;
  }
  // 3. Sign in with the credentials; the new session is saved for the next runs.
  const context = await browser.newContext(contextOptions);
  // What the browser saw while signing in (the refused request), scrubbed of the password like any signal.
  const scrubber = new SecretScrubber(secretValues([target.password]));
  const recorder = new SignalRecorder(context, browser.browserType().name(), scrubber);
  try {
    const page = await context.newPage();
    try {
      await run(page, target);
      // Checked by the harness, not left to the plug-in: the form must be gone (and isSignedIn hold).
      await expectSignedIn(page, isSignedIn && (() => isSignedIn(page, target)));
    } catch (error) {
      const said = await readPageMessage(page);
      await recorder.settle(1_000);
      const refused = refusedRequest(recorder.signals);
      const explained = explainSignInError(error);
      const shown = said && !explained.includes(said) ? ` — the portal showed: "${scrubber.scrubText(said)}"` : '';
      return `sign-in to ${target.name} failed: ${explained}${shown}${refused ? ` — ${refused}` : ''}${expired ? `; ${expired}` : ''}`;
    }
    await keep(context, 'automatic sign-in');
    console.log(`portal-matrix: ${browserId}: ${target.name}: signed in with the credentials (session saved for the next runs)`);
    return undefined;
  } finally {
    await context.close();
  }
}
