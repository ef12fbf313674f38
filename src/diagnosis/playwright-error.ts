/**
 * Playwright's own error, in plain words, for when the browser's signals say nothing: which element the test
 * waited for and what was wrong with it (hidden, disabled, covered — by what —, outside the viewport, never
 * there), a navigation that failed with the network's error, a download or popup that never came. Read from
 * the error text and its call log only (Playwright 1.64's wording); undefined when it says none of these.
 */
export interface PlaywrightErrorCause {
  kind: 'covered' | 'hidden' | 'disabled' | 'outside-viewport' | 'not-stable' | 'never-appeared' | 'navigation' | 'download' | 'popup' | 'strict';
  text: string;
}

/** The locator a call waited for: "waiting for getByRole('button', { name: 'Save' })" or "Locator: …" of an expect. */
export function locatorOf(error: string): string | undefined {
  const waiting = /waiting for ((?:getBy|locator\(|frameLocator\(|internal:)[^\n]+)/.exec(error)?.[1];
  const expected = /^Locator: (.+)$/m.exec(error)?.[1];
  return (waiting ?? expected)?.trim().replace(/\s+/g, ' ').slice(0, 160);
}

const ELEMENT = /<([a-z][\w-]*)([^>]*)>/i;
/** `<nav aria-label="Main" class="menu">…` → `nav "Main"`: what a person can find on the screen. */
function describeElement(html: string): string {
  const m = ELEMENT.exec(html);
  if (!m) return html.slice(0, 80);
  const attrs = m[2] ?? '';
  const name = /aria-label="([^"]+)"/.exec(attrs)?.[1] ?? /\bid="([^"]+)"/.exec(attrs)?.[1] ?? /\bclass="([^"\s]+)/.exec(attrs)?.[1];
  return `<${m[1]}>${name ? ` "${name}"` : ''}`;
}

export function classifyPlaywrightError(error: string | undefined): PlaywrightErrorCause | undefined {
  if (!error) return undefined;
  const target = locatorOf(error);
  const on = target ? ` ${target}` : ' the element';
  const net = /(net::ERR_[A-Z_]+|NS_ERROR_[A-Z_]+)(?: at (\S+))?/.exec(error);
  if (net) return { kind: 'navigation', text: `the page did not load: ${net[1]}${net[2] ? ` at ${net[2].split(/[?#]/)[0]}` : ''} (a network or certificate error, not the page)` };
  if (/strict mode violation/.test(error)) {
    const count = /resolved to (\d+) elements/.exec(error)?.[1];
    return { kind: 'strict', text: `${target ?? 'the locator'} matched ${count ?? 'several'} elements: the page shows it more than once here (a layout or content difference)` };
  }
  const intercept = /(<[^\n]+?>)(?: from <[^\n]+?> subtree)? intercepts pointer events/.exec(error);
  if (intercept) return { kind: 'covered', text: `${target ?? 'the element'} was covered by ${describeElement(intercept[1]!)}, which took the click` };
  if (/element is outside of the viewport/i.test(error)) return { kind: 'outside-viewport', text: `${target ?? 'the element'} was outside the viewport and could not be scrolled into view` };
  if (/element is not enabled|element is disabled|Received: disabled/.test(error)) return { kind: 'disabled', text: `${target ?? 'the element'} was there but disabled` };
  if (/element is not visible|Received: hidden|locator resolved to hidden/.test(error)) return { kind: 'hidden', text: `${target ?? 'the element'} was there but hidden` };
  if (/element is not stable/.test(error)) return { kind: 'not-stable', text: `${target ?? 'the element'} kept moving (an animation that never settled)` };
  if (/waiting for event "download"|waitForEvent\(['"]download|download.*timeout/i.test(error)) return { kind: 'download', text: 'the download never started' };
  if (/waiting for event "popup"|waitForEvent\(['"]popup/i.test(error)) return { kind: 'popup', text: 'the popup window never opened (a blocked popup, or the page opened nothing)' };
  if (target && (/element\(s\) not found|Timeout \d+ms exceeded|Test timeout of \d+ms exceeded/.test(error))) {
    return { kind: 'never-appeared', text: `${on.trim()} never appeared` };
  }
  return undefined;
}
