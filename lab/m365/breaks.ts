import type { DeclaredBreak } from '../breaks';

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
