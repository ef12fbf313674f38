import type { DeclaredBreak } from '../breaks';

/** The cucm replica's intended breaks (see lab/breaks.ts for what each field means). */
export const breaks: readonly DeclaredBreak[] = [
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
