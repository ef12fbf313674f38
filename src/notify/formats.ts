import type { ChangeLine, FailingRow, LooksDifferentRow, NotifySummary } from './summary';
import type { NotifyFormat } from './settings';

/*
 * One message per service, each within the service's documented size limits: Teams (Workflows webhook, an
 * Adaptive Card 1.4 in a message; ~28 KB per message), Slack (incoming webhook: ≤ 50 blocks, ≤ 3,000 characters
 * per section, header ≤ 150), Webex (incoming webhook markdown; ~7,400 bytes). Long lists are cut to what fits,
 * then "… and N more".
 */
const BUDGET: Record<NotifyFormat, number> = { teams: 20_000, slack: 30_000, webex: 7_000, json: 60_000 };
const SLACK_SECTION = 2_900;

const changeText = (l: ChangeLine) => `${l.portal}/${l.task} in ${l.browser}: ${l.from} → ${l.to}${l.cause ? ` — ${l.cause}` : ''}`;

/** "m365/pay-invoice (Pay an invoice): fails in Chromium 156 (works in Firefox ESR 153) — what the user saw — likely cause: …" */
function failingText(r: FailingRow): string {
  const where = r.verdict === 'browser-specific' ? `fails in ${r.failsIn.join(', ')} (works in ${r.worksIn.join(', ')})`
    : r.verdict === 'fails-everywhere' ? 'fails in every browser that ran it'
      : `fails in ${r.failsIn.join(', ')}`;
  return `${r.portal}/${r.task} (${r.title}): ${where}${r.cause ? ` — ${r.cause}` : ''}`;
}

/** "m365/view-invoice (View an invoice): completed, but looks different in Firefox ESR 153 — region … is hidden …" */
const looksText = (r: LooksDifferentRow) => `${r.portal}/${r.task} (${r.title}): completed, but looks different in ${r.browsers.join(', ')} — ${r.finding}`;

/** At most `max` items (and at most `maxChars` in all), then "… and N more". */
function capped<T>(items: T[], max: number, render: (t: T) => string, maxChars = Infinity): string[] {
  for (let n = Math.min(max, items.length); ; n--) {
    const shown = items.slice(0, n).map(render);
    const lines = items.length > n ? [...shown, `… and ${items.length - n} more`] : shown;
    if (n === 0 || lines.join('\n').length + lines.length * 4 <= maxChars) return lines;
  }
}

function countsLine(s: NotifySummary): string {
  const c = s.counts;
  const tasks = c.tasks < c.catalogue ? `${c.tasks} of ${c.catalogue} tasks selected` : `${c.tasks} tasks`;
  return `${tasks}, ${c.cells} cells: ${c.passed} passed, ${c.failed} failed, ${c.flaky} flaky` +
    `${c.notRun ? `, ${c.notRun} not run` : ''}${c.couldNotRun ? `, ${c.couldNotRun} could not run` : ''}` +
    `${s.regressions.length ? ` · ${s.regressions.length} regression${s.regressions.length === 1 ? '' : 's'}` : ''}`;
}

/**
 * The current picture first — what fails, in which browser, why; a first run has only that — then what changed
 * since the previous run: a reader of any message knows what is broken, even on a night when nothing changed.
 */
function sections(s: NotifySummary, max: number, maxChars?: number): { heading: string; lines: string[] }[] {
  const still = s.failing.filter((r) => s.firstRun || !r.isNew);
  return [
    { heading: s.firstRun ? 'Failing now' : 'Still failing', lines: capped(still, max, failingText, maxChars) },
    { heading: s.firstRun ? 'Looks different' : 'Still looks different', lines: capped(s.looksDifferent.filter((r) => s.firstRun || !r.isNew), max, looksText, maxChars) },
    { heading: 'Could not run', lines: capped(s.problems, max, (p) => `${p.portal}${p.browsers.length ? ` in ${p.browsers.join(', ')}` : ''}: ${p.reason}`, maxChars) },
    { heading: 'Regressions (fail --fail-on regression)', lines: capped(s.regressions, max, (r) => r, maxChars) },
    { heading: 'Newly broken', lines: capped(s.newlyBroken, max, changeText, maxChars) },
    { heading: 'Newly fixed', lines: capped(s.newlyFixed, max, changeText, maxChars) },
    { heading: 'Newly looks different', lines: capped(s.looksDifferent.filter((r) => r.isNew), max, looksText, maxChars) },
  ].filter((x) => x.lines.length);
}

const recommendationText = (s: NotifySummary) => `${s.recommendation.changed ? '(changed) ' : ''}${s.recommendation.text}`;

function teams(s: NotifySummary, max: number): unknown {
  const block = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text, wrap: true, ...extra });
  const body = [
    block(s.title, { weight: 'Bolder', size: 'Medium' }),
    block(countsLine(s), { isSubtle: true, spacing: 'None' }),
    ...sections(s, max).flatMap((x) => [block(x.heading, { weight: 'Bolder' }), block(x.lines.map((l) => `- ${l}`).join('\r\n'))]),
    block('Recommended browser', { weight: 'Bolder' }),
    block(recommendationText(s)),
  ];
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body,
        ...(s.reportUrl ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the report', url: s.reportUrl }] } : {}),
      },
    }],
  };
}

function slack(s: NotifySummary, max: number): unknown {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: text.length > SLACK_SECTION ? `${text.slice(0, SLACK_SECTION - 1)}…` : text } });
  return {
    text: s.title,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: s.title.slice(0, 150) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: esc(countsLine(s)) }] },
      ...sections(s, max, SLACK_SECTION - 40).map((x) => section(`*${x.heading}*\n${x.lines.map((l) => `• ${esc(l)}`).join('\n')}`)),
      section(`*Recommended browser*\n${esc(recommendationText(s))}`),
      ...(s.reportUrl ? [{ type: 'section', text: { type: 'mrkdwn', text: `<${s.reportUrl}|Open the report>` } }] : []),
    ],
  };
}

function webex(s: NotifySummary, max: number): unknown {
  const md = [
    `**${s.title}**`, '', countsLine(s), '',
    ...sections(s, max).flatMap((x) => [`**${x.heading}**`, ...x.lines.map((l) => `- ${l}`), '']),
    `**Recommended browser:** ${recommendationText(s)}`,
    ...(s.reportUrl ? ['', `[Open the report](${s.reportUrl})`] : []),
  ];
  return { markdown: md.join('\n') };
}

function json(s: NotifySummary, max: number): unknown {
  const cut = <T>(items: T[]) => items.slice(0, max);
  const omitted = (items: unknown[]) => Math.max(0, items.length - max);
  return {
    ...s, failing: cut(s.failing), looksDifferent: cut(s.looksDifferent), newlyBroken: cut(s.newlyBroken), newlyFixed: cut(s.newlyFixed), regressions: cut(s.regressions),
    omitted: { failing: omitted(s.failing), looksDifferent: omitted(s.looksDifferent), newlyBroken: omitted(s.newlyBroken), newlyFixed: omitted(s.newlyFixed), regressions: omitted(s.regressions) },
  };
}

const RENDER: Record<NotifyFormat, (s: NotifySummary, max: number) => unknown> = { teams, slack, webex, json };

/** The service's payload, with lists shortened until it fits the service's size limit. */
export function renderMessage(format: NotifyFormat, summary: NotifySummary): string {
  for (let max = 50; ; max = Math.floor(max / 2)) {
    const body = JSON.stringify(RENDER[format](summary, max));
    if (Buffer.byteLength(body) <= BUDGET[format] || max === 0) return body;
  }
}
