import type { DeclaredBreak, DeclaredLayoutBreak } from '../breaks';

/** The webex replica's intended breaks (see lab/breaks.ts for what each field means). */
export const breaks: readonly DeclaredBreak[] = [
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
];

/** Screens that work but look different in one engine (see lab/breaks.ts, DeclaredLayoutBreak). */
export const layoutBreaks: readonly DeclaredLayoutBreak[] = [
  {
    portal: 'webex',
    tasks: ['join-meeting', 'lobby-admit', 'meeting-password'],
    looksDifferentIn: ['firefox'],
    mechanism: 'The same H.264-only negotiation as media-flowing: in Firefox ESR the meeting room still opens (the join tasks complete), but it shows the "We can\'t connect your video" alert that Chromium never shows.',
    finding: /^alert 'We can't connect your video[^']*' is shown only in Firefox[^']*at step '/,
    webkit: 'expected to look like Chromium: Safari supports H.264 in WebRTC (not verified here)',
    imitates: 'A Webex join that "works" in one browser while telling the user their video cannot connect.',
    fixedMode: 'Falls back to VP8: no alert in any engine.',
  },
];
