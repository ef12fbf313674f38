import type { Matrix } from '../matrix/model';
import type { HistoryEntry } from '../matrix/history';
import { renderMessage } from './formats';
import type { NotifySettings } from './settings';
import { summarize } from './summary';

export interface Delivery { target: string; ok: boolean; detail: string }

/** Webhook URLs carry their secret in the path: only the origin is ever printed. */
const originOf = (url: string) => new URL(url).origin;

/** One POST, bounded in time, retried once on a network error, 429 or 5xx. Never throws. */
export async function post(url: string, body: string, timeoutMs = 10_000): Promise<Delivery> {
  let detail = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) });
      const answer = (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
      if (res.ok) return { target: originOf(url), ok: true, detail: `HTTP ${res.status}` };
      detail = `HTTP ${res.status}${answer ? `: ${answer}` : ''}`;
      if (res.status !== 429 && res.status < 500) break;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
      detail = e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : e.cause?.code ?? e.cause?.errors?.[0]?.code ?? e.cause?.message ?? e.message;
    }
    if (attempt === 1) await new Promise((r) => setTimeout(r, 1_000));
  }
  return { target: originOf(url), ok: false, detail: `${detail} (after one retry where worth it)` };
}

/**
 * After a complete run: decides from NOTIFY_ON whether to tell the team, sends one message per webhook, and
 * prints what happened. Delivery never changes the run's result.
 */
export async function notifyTeam(settings: NotifySettings, matrix: Matrix, history: HistoryEntry[], regressions: string[], log = console.log): Promise<Delivery[]> {
  const summary = summarize(matrix, history, regressions, settings.reportUrl);
  // A task newly looking different is a change like a new failure.
  const changed = summary.newlyBroken.length + summary.newlyFixed.length > 0 || summary.looksDifferent.some((l) => l.isNew) || summary.recommendation.changed;
  const send = settings.on === 'always' || (settings.on === 'change' && changed) || (settings.on === 'regression' && regressions.length > 0);
  if (!send) {
    log(`portal-matrix: no notification (NOTIFY_ON=${settings.on}: ${settings.on === 'change' ? 'nothing changed' : 'no regression'}).`);
    return [];
  }
  const body = renderMessage(settings.format, summary);
  const results = await Promise.all(settings.urls.map((url) => post(url, body)));
  for (const r of results) {
    log(r.ok ? `portal-matrix: notified ${settings.format} webhook at ${r.target} (${r.detail}).` : `portal-matrix: notification to ${settings.format} webhook at ${r.target} failed — ${r.detail}. The run's result is unchanged.`);
  }
  return results;
}
