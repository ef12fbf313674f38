import type { DeclaredBreak } from '../breaks';

/** The pcd replica's intended breaks (see lab/breaks.ts for what each field means). */
export const breaks: readonly DeclaredBreak[] = [
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
];
