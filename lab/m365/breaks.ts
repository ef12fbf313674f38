import type { DeclaredBreak, DeclaredLayoutBreak } from '../breaks';

/** The m365 replica's intended breaks (see lab/breaks.ts for what each field means). */
export const breaks: readonly DeclaredBreak[] = [
  {
    portal: 'm365',
    task: 'pay-invoice',
    breaksIn: ['chromium'],
    worksIn: ['firefox'],
    mechanism: 'The payment provider (a different site, 127.0.0.1) embedded in the admin center keeps its checkout session in a cookie set inside the iframe without the Partitioned attribute. Chromium blocks that third-party cookie; Firefox keeps it in a partitioned jar.',
    userSees: 'Payment failed',
    diagnosisNames: /refused cookies? .*`pp_checkout`.* inside a cross-site frame \(third-party cookie blocked/,
    webkit: 'expected to break: ITP blocks third-party cookies without the Storage Access API (not verified here)',
    imitates: 'The Office 365 invoice that could only be paid in one browser.',
    fixedMode: 'Token hand-off: the admin center creates the checkout server-side and passes its token in the frame URL; no third-party cookie is needed.',
  },
];

/** Screens that work but look different in one engine (see lab/breaks.ts, DeclaredLayoutBreak). */
export const layoutBreaks: readonly DeclaredLayoutBreak[] = [
  {
    portal: 'm365',
    // pay-invoice shows the screen too, but fails in Chromium in broken mode: screens are compared only
    // between browsers that completed the task, so it has no layout finding there.
    tasks: ['download-invoice', 'view-invoice'],
    looksDifferentIn: ['firefox'],
    mechanism: 'The invoice summary folds away with an animated height to calc-size(auto, size). Chromium implements calc-size(); Firefox ESR 153 drops the declaration (measured), so the panel keeps height 0 with its overflow hidden. Every field is still in the page, so each task completes — but the summary cannot be seen.',
    finding: /^region 'Invoice summary' is hidden in Firefox[^']*at step '/,
    webkit: 'expected to look broken too: Safari has no calc-size() (not verified here)',
    imitates: 'A portal restyled with a CSS feature only one engine ships: "the invoice page is blank in Firefox", while every check a script makes passes.',
    fixedMode: 'Animates to height: auto with interpolate-size: allow-keywords, which an engine without it ignores (the panel opens without animation).',
  },
];
