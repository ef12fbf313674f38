import { UserInputError } from '../errors';

export const EVIDENCE_POLICIES = ['failures', 'retries', 'all'] as const;
export type EvidencePolicy = (typeof EVIDENCE_POLICIES)[number];

export interface RunOptions {
  /** Playwright's `workers`: a count or a share of the cores ("50%"). */
  workers: number | string;
  retries: number;
  evidence: EvidencePolicy;
  /** Playwright's trace/screenshot modes that the evidence policy stands for. */
  trace: 'on' | 'on-first-retry' | 'retain-on-failure';
  screenshot: 'on' | 'only-on-failure';
  /** Record diagnosis signals for every test (SIGNALS=off turns them off, for `npm run bench`). */
  signals: boolean;
  /** Layout checkpoints compared across browsers (LAYOUT=off turns them off). */
  layout: boolean;
}

function parseWorkers(raw: string | undefined): number | string {
  const value = raw?.trim();
  // Browsers mostly wait on the portal, so one worker per core beats Playwright's default of half the cores
  // (measured with npm run bench on 2 cores).
  if (!value) return '100%';
  if (/^[1-9]\d{0,2}$/.test(value)) return Number(value);
  if (/^([1-9]\d?|100)%$/.test(value)) return value;
  throw new UserInputError(`WORKERS=${JSON.stringify(raw)} is not valid: give a number of workers (e.g. 2) or a share of the cores (e.g. 50%).`);
}

function parseRetries(raw: string | undefined): number {
  const value = raw?.trim();
  if (!value) return 1;
  if (!/^\d$/.test(value)) throw new UserInputError(`RETRIES=${JSON.stringify(raw)} is not valid: give a whole number from 0 to 9 (default 1).`);
  return Number(value);
}

/**
 * Evidence policy: traces cost about a third of a run when recorded for every test, so by default they are
 * recorded only where they can explain a failure — on the first retry, or (without retries) kept on failure.
 */
function parseEvidence(raw: string | undefined, retries: number): EvidencePolicy {
  const value = raw?.trim();
  if (!value) return retries > 0 ? 'retries' : 'failures';
  if (!(EVIDENCE_POLICIES as readonly string[]).includes(value)) {
    throw new UserInputError(`EVIDENCE=${JSON.stringify(raw)} is not valid. Use one of: ${EVIDENCE_POLICIES.join(', ')} (unset: retries when RETRIES > 0, else failures).`);
  }
  if (value === 'retries' && retries === 0) {
    throw new UserInputError('EVIDENCE=retries records traces on the first retry, but RETRIES=0 means there is none: use EVIDENCE=failures or set RETRIES ≥ 1.');
  }
  return value as EvidencePolicy;
}

const TRACE: Record<EvidencePolicy, RunOptions['trace']> = { failures: 'retain-on-failure', retries: 'on-first-retry', all: 'on' };

/** The settings that reach Playwright's config, validated with the others (bad input = exit 2, nothing run). */
export function parseRunOptions(env: NodeJS.ProcessEnv): RunOptions {
  const workers = parseWorkers(env.WORKERS);
  const retries = parseRetries(env.RETRIES);
  const evidence = parseEvidence(env.EVIDENCE, retries);
  const signals = env.SIGNALS?.trim() || 'on';
  if (signals !== 'on' && signals !== 'off') throw new UserInputError(`SIGNALS=${JSON.stringify(env.SIGNALS)} is not valid: use on (default) or off.`);
  const layout = env.LAYOUT?.trim() || 'on';
  if (layout !== 'on' && layout !== 'off') throw new UserInputError(`LAYOUT=${JSON.stringify(env.LAYOUT)} is not valid: use on (default) or off.`);
  return { workers, retries, evidence, trace: TRACE[evidence], screenshot: evidence === 'all' ? 'on' : 'only-on-failure', signals: signals === 'on', layout: layout === 'on' };
}
