import type { DeclaredBreak } from '../breaks';

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
