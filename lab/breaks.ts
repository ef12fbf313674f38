import type { Engine } from '../src/browsers/catalog';

/**
 * The lab's intended breaks — the single place tests compare the matrix with. Each one comes from what the
 * engine really does (measured on these machines with Playwright 1.64.1; see the README's lab table), never from the user-agent string, and each has a
 * `LAB_MODE=fixed` counterpart that works in every engine.
 */
export interface DeclaredBreak {
  portal: string;
  task: string;
  /** Engines verified on this machine to fail the task in broken mode. */
  breaksIn: Engine[];
  /** Engines verified here to complete it in broken mode. */
  worksIn: Engine[];
  mechanism: string;
  /** What the user sees — the failure message in the report must contain it. */
  userSees: string;
  /** What the matrix's diagnosis (derived from browser signals alone) must name for this break. */
  diagnosisNames: RegExp;
  /** What the comparison with the browser that completed the task must say (its difference lines, joined). */
  differenceNames?: RegExp;
  /** Expectation for WebKit/Safari from the documented facts; NOT verified here (WebKit cannot be installed). */
  webkit: string;
  imitates: string;
  fixedMode: string;
}

export const DECLARED_BREAKS: readonly DeclaredBreak[] = [
  {
    portal: 'pcd',
    task: 'database-status',
    breaksIn: ['firefox'],
    worksIn: ['chromium'],
    mechanism: 'The replication status widget calls navigator.userAgentData.getHighEntropyValues() without feature detection; only Chromium implements User-Agent Client Hints.',
    userSees: 'Database access error',
    diagnosisNames: /script error before the failure: TypeError: .*navigator\.userAgentData is undefined/,
    webkit: 'expected to break: WebKit has no navigator.userAgentData (not verified here)',
    imitates: 'The seed: a PCD "database access error" / "connection status unknown" that was really the browser\'s fault.',
    fixedMode: 'Feature detection: falls back to navigator.platform when userAgentData is missing.',
  },
  {
    portal: 'pcd',
    task: 'discover-cluster',
    breaksIn: ['firefox'],
    worksIn: ['chromium'],
    mechanism: 'The discovery status API picks its node agent from the Sec-CH-UA-Platform client hint and answers 403 "Unsupported client" without it. Chromium sends User-Agent Client Hints (sec-ch-ua, sec-ch-ua-mobile, sec-ch-ua-platform) on same-origin fetches, with or without a user-agent override; Firefox ESR 153 sends none (measured). The page handles the 403 politely: a status banner, no script error.',
    userSees: 'Unable to retrieve the discovery status (HTTP 403)',
    diagnosisNames: /a request failed: GET \S+\/api\/discoveries\/:id → HTTP 403 — the server said: \{"error":"Unsupported client"\}/,
    differenceNames: /the same request answered differently: GET \S+\/api\/discoveries\/:id → HTTP 403 in firefox, HTTP 200 in chromium[\s\S]*request headers that differed \(GET \S+\/api\/discoveries\/:id\): sent only by chromium: sec-ch-ua, sec-ch-ua-mobile, sec-ch-ua-platform/,
    webkit: 'expected to break: Safari sends no User-Agent Client Hints (not verified here)',
    imitates: 'A vendor API that gates on a header only some engines send, behind a page that shows a polite banner — the case where only the request comparison explains the failure.',
    fixedMode: 'The status API answers every client; the platform is only a hint.',
  },
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
  {
    portal: 'webex',
    task: 'media-flowing',
    breaksIn: ['firefox'],
    worksIn: ['chromium'],
    mechanism: 'The meeting negotiates video with H.264 only (RTCRtpTransceiver.setCodecPreferences). This Chromium build ships H.264; Firefox ESR gets it only from the OpenH264 plugin it downloads at run time, which a closed network never fetches.',
    userSees: 'H.264',
    diagnosisNames: /script error before the failure: Error: .*requires the H\.264 video codec/,
    webkit: 'expected to work: Safari supports H.264 in WebRTC (not verified here)',
    imitates: 'Webex joins that behave differently per browser (Webex requires H.264).',
    fixedMode: 'Prefers H.264 when offered and falls back to VP8, which every engine has.',
  },
  {
    portal: 'cucm',
    task: 'export-cdr',
    breaksIn: ['firefox'],
    worksIn: ['chromium'],
    mechanism: 'The CDR export reads its <input type=month> with valueAsDate. Chromium implements the month control (valueAsDate is a Date); Firefox ESR 153 renders type=month as a plain text box whose valueAsDate is null, so the export throws.',
    userSees: 'CDR export failed',
    diagnosisNames: /script error before the failure: TypeError: .*"getUTCFullYear", chosen is null/,
    webkit: 'expected to break: desktop Safari has no month control either (not verified here)',
    imitates: 'Admin pages built and tested in one browser that lean on a form control another engine does not implement.',
    fixedMode: 'Parses the YYYY-MM text value, which every engine provides whatever control it shows.',
  },
  {
    portal: 'cucm',
    task: 'set-phone-owner',
    breaksIn: ['chromium', 'firefox'],
    worksIn: [],
    mechanism: 'The Owner User ID lookup opens with window.showModalDialog, as older CUCM pages did. Every modern engine has removed it (Chromium 43, Firefox 56; Safari too): the click throws and nothing opens.',
    userSees: 'lookup window did not open',
    diagnosisNames: /script error before the failure: TypeError: window\.showModalDialog is not a function/,
    webkit: 'expected to break: current Safari has no showModalDialog either (not verified here)',
    imitates: 'The seed\'s invoice "payable only in IE": a legacy-only feature, so no installed browser completes the task.',
    fixedMode: 'Opens the same "Find and List Users" lookup in an in-page <dialog> (showModal), which every engine supports.',
  },
];

export function declaredBreak(portal: string, task: string): DeclaredBreak | undefined {
  return DECLARED_BREAKS.find((b) => b.portal === portal && b.task === task);
}
