import { UserInputError } from '../errors';

export const NOTIFY_FORMATS = ['teams', 'slack', 'webex', 'json'] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];
export const NOTIFY_ON = ['regression', 'change', 'always'] as const;
export type NotifyOn = (typeof NOTIFY_ON)[number];

export interface NotifySettings {
  urls: string[];
  format: NotifyFormat;
  on: NotifyOn;
  /** Where CI publishes reports/ (a link in the message); never a portal URL. */
  reportUrl?: string;
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserInputError(`${name}: ${JSON.stringify(raw)} is not a URL. Give the webhook address your chat service showed when you created it.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserInputError(`${name}: ${JSON.stringify(raw)} must be an http:// or https:// URL.`);
  return url.href;
}

/**
 * NOTIFY_WEBHOOK_URL (one or more, comma-separated), NOTIFY_FORMAT, NOTIFY_ON, REPORT_URL — validated with the
 * other settings, so a typo stops the run before any browser starts. Undefined when nothing is to be sent.
 */
export function parseNotifySettings(env: NodeJS.ProcessEnv): NotifySettings | undefined {
  const format = (env.NOTIFY_FORMAT?.trim() || 'json') as NotifyFormat;
  if (!(NOTIFY_FORMATS as readonly string[]).includes(format)) {
    throw new UserInputError(`NOTIFY_FORMAT=${JSON.stringify(env.NOTIFY_FORMAT)} is not valid. Use one of: ${NOTIFY_FORMATS.join(', ')}.`);
  }
  const on = (env.NOTIFY_ON?.trim() || 'regression') as NotifyOn;
  if (!(NOTIFY_ON as readonly string[]).includes(on)) {
    throw new UserInputError(`NOTIFY_ON=${JSON.stringify(env.NOTIFY_ON)} is not valid. Use one of: ${NOTIFY_ON.join(', ')} (default regression).`);
  }
  const reportUrl = env.REPORT_URL?.trim() ? httpUrl('REPORT_URL', env.REPORT_URL.trim()) : undefined;
  const urls = (env.NOTIFY_WEBHOOK_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean).map((u) => httpUrl('NOTIFY_WEBHOOK_URL', u));
  return urls.length ? { urls, format, on, reportUrl } : undefined;
}
