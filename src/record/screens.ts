import { normalizePath } from '../diagnosis/endpoints';
import { SCREEN_LINE, type RecordedAction } from './recording';
import { isSecretField } from './locator-code';
import { UserInputError } from '../errors';

/**
 * A recording cut into screens: the actions done on one page between two page loads, with the page's path
 * (relative to the portal's address, ids as `:id`) and its heading when the live recorder saw one.
 */
export interface Screen {
  /** Path under the portal's address, as recorded (`ccmadmin/phoneFindList.do`); '' for the address itself. */
  path: string;
  heading?: string;
  actions: RecordedAction[];
  /** The recording started here with a `navigate`: the spec opens this screen itself. */
  opened: boolean;
}

const ACTIONS = new Set(['click', 'fill', 'press', 'check', 'uncheck', 'select', 'setInputFiles', 'assertText', 'assertValue', 'assertChecked', 'assertVisible']);
const IGNORED = new Set(['openPage', 'closePage', 'assertSnapshot', SCREEN_LINE]);

/** `https://portal/ccmadmin/x.do?y=1` under `https://portal/` → `ccmadmin/x.do`; elsewhere → undefined. */
export function pathUnder(url: string, base: string): string | undefined {
  try {
    const u = new URL(url);
    const b = new URL(base);
    if (u.origin !== b.origin) return undefined;
    const basePath = b.pathname.endsWith('/') ? b.pathname : `${b.pathname}/`;
    if (u.pathname === b.pathname || `${u.pathname}/` === basePath) return '';
    return u.pathname.startsWith(basePath) ? u.pathname.slice(basePath.length) : u.pathname.replace(/^\//, '');
  } catch {
    return undefined;
  }
}

/**
 * Splits the actions into screens at each page load (`navigate`, a navigation signal, or our screen line).
 * Popups and other windows are refused: the recorder records them, but a task's page objects live in one window.
 */
export function splitIntoScreens(actions: readonly RecordedAction[], base: string): Screen[] {
  const pages = [...new Set(actions.filter((a) => a.pageGuid && a.name !== 'openPage' && a.name !== SCREEN_LINE).map((a) => a.pageGuid))];
  if (pages.length > 1) {
    throw new UserInputError('the recording uses more than one window (a popup or a second tab). Record the task in one window; a popup\'s own steps can be recorded as a task of their own.');
  }
  const screens: Screen[] = [];
  let current: Screen | undefined;
  // Live recordings know the heading of the screen each action was done on; screen lines tell its address:
  // the last page load with the action's heading before it (the recorder reports an action once performed,
  // sometimes after the load it caused, never before the load of its own page).
  const byHeading = actions.some((a) => a.heading && a.name !== SCREEN_LINE);
  const pathOfHeading = new Map<string, string>();
  const pathAt = new Map<RecordedAction, string>();
  const enter = (path: string, opened: boolean, heading?: string) => {
    if (current && !current.actions.length && (byHeading || normalizePath(`/${current.path}`) === normalizePath(`/${path}`))) {
      current.heading ??= heading;
      current.opened ||= opened;
      current.path = path;
      return;
    }
    current = { path, heading, actions: [], opened };
    screens.push(current);
  };
  const under = (url: string | undefined) => {
    const path = url === undefined ? undefined : pathUnder(url, base);
    if (path === undefined) throw new UserInputError(`the recording leaves the portal (${url}); record tasks on ${base} only.`);
    return path;
  };
  for (const action of actions) {
    if (action.name === SCREEN_LINE) {
      // A page outside the portal (about:blank before the first load, a sign-in provider) names no screen.
      const path = action.url ? pathUnder(action.url, base) : undefined;
      if (path === undefined) continue;
      if (action.heading) pathOfHeading.set(action.heading, path);
      if (byHeading) continue;
      if (!current || normalizePath(`/${path}`) !== normalizePath(`/${current.path}`) || current.actions.length) enter(path, false, action.heading);
      else current.heading ??= action.heading;
      continue;
    }
    if (action.name === 'navigate') {
      enter(under(action.url), true);
      continue;
    }
    if (IGNORED.has(action.name) || !ACTIONS.has(action.name)) continue;
    const here = (action.heading && pathOfHeading.get(action.heading)) ?? current?.path ?? '';
    pathAt.set(action, here);
    if (!current) enter(here, false, action.heading);
    else if (byHeading && action.heading && current.heading && action.heading !== current.heading && current.actions.length) enter(here, false, action.heading);
    else current.heading ??= action.heading;
    current!.actions.push(action);
    const navigation = action.signals?.find((s) => s.name === 'navigation' && s.url);
    if (navigation && !byHeading) enter(under(navigation.url), false);
  }
  return splitAfterSignIn(screens.filter((s) => s.actions.length || s === screens.at(-1)), pathAt);
}

/**
 * A sign-in form and the page after it often share their heading (the product's name): the sign-in screen
 * ends where the form is submitted — the first click or key press after the password.
 */
function splitAfterSignIn(screens: Screen[], pathAt: Map<RecordedAction, string>): Screen[] {
  return screens.flatMap((screen) => {
    const lastSecret = screen.actions.findLastIndex((a) => a.name === 'fill' && isSecretField(a.locator));
    const submit = lastSecret < 0 ? -1 : screen.actions.findIndex((a, i) => i > lastSecret && (a.name === 'click' || a.name === 'press'));
    if (submit < 0 || submit === screen.actions.length - 1) return [screen];
    const after = screen.actions.slice(submit + 1);
    return [{ ...screen, actions: screen.actions.slice(0, submit + 1) }, { path: pathAt.get(after[0]!) ?? screen.path, heading: screen.heading, actions: after, opened: false }];
  });
}

const SIGN_IN = /\b(sign ?in|log ?in|login|log on|logon|continue|next|verify|submit)\b/i;

/**
 * The screen where the recording signs in: a password-like field is filled there and the form is sent with a
 * sign-in button (or Enter), or the page says it is a sign-in. A password for something else (a host's root
 * password, sent with "OK") is part of the task.
 */
export function isSignInScreen(screen: Screen): boolean {
  const secret = screen.actions.findLastIndex((a) => a.name === 'fill' && isSecretField(a.locator));
  if (secret < 0) return false;
  const submit = screen.actions.slice(secret + 1).find((a) => a.name === 'click' || a.name === 'press');
  const submitName = submit?.locator?.kind === 'role' ? String(submit.locator.options?.name ?? '') : String(submit?.locator?.body ?? '');
  return SIGN_IN.test(screen.heading ?? '') || submit?.name === 'press' || SIGN_IN.test(submitName);
}
