import fs from 'node:fs';
import path from 'node:path';
import type { Matrix } from './model';
import type { Diagnosis } from '../diagnosis/diagnose';

/** The diagnosis as a person reads it: for the Allure attachment. */
export function diagnosisText(d: Diagnosis): string {
  const r = d.recorded;
  return [
    'Why it failed — from what the browser reported (portal-matrix)',
    '',
    ...(d.step ? [`Step:          ${d.step}`] : []),
    `Likely cause:  ${d.likelyCause}`,
    ...(d.difference ? ['', `What ${d.difference.comparedWith} did differently:`, ...d.difference.lines.map((l) => `  - ${l}`)] : []),
    '',
    `Recorded: ${r.pageErrors} page error(s), ${r.consoleErrors} console error(s), ${r.failedRequests} failed request(s), ${r.refusedCookies} refused cookie(s)${r.dropped ? `, ${r.dropped} more not kept` : ''}`,
    ...(d.notes ?? []).map((n) => `Note: ${n}`),
  ].join('\n');
}

interface AllureResult { uuid: string; status?: string; labels?: { name: string; value: string }[]; parameters?: { name: string; value: string }[]; attachments?: { name: string; source: string; type: string }[] }

/**
 * Adds a readable "Diagnosis" attachment to the failed Allure results of each diagnosed cell (matched by the
 * portal and task tags and the Playwright project), so Allure's own test page explains the failure too.
 */
export function attachDiagnosesToAllure(resultsDir: string, matrix: Matrix): number {
  if (!fs.existsSync(resultsDir)) return 0;
  const wanted = new Map<string, Diagnosis>();
  for (const row of matrix.rows) for (const [browser, cell] of Object.entries(row.cells)) if (cell.diagnosis) wanted.set(`${row.portal}/${row.task}/${browser}`, cell.diagnosis);
  if (!wanted.size) return 0;
  let added = 0;
  for (const file of fs.readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const full = path.join(resultsDir, file);
    const result = JSON.parse(fs.readFileSync(full, 'utf8')) as AllureResult;
    if (result.status !== 'failed' && result.status !== 'broken') continue;
    const tags = new Set((result.labels ?? []).filter((l) => l.name === 'tag').map((l) => l.value));
    const project = result.parameters?.find((p) => p.name === 'Project')?.value;
    const key = [...wanted.keys()].find((k) => {
      const [portal, task, browser] = k.split('/');
      return tags.has(portal!) && tags.has(task!) && project === browser;
    });
    if (!key || result.attachments?.some((a) => a.name === 'Diagnosis')) continue;
    const source = `${result.uuid}-diagnosis-attachment.txt`;
    fs.writeFileSync(path.join(resultsDir, source), diagnosisText(wanted.get(key)!));
    result.attachments = [{ name: 'Diagnosis', source, type: 'text/plain' }, ...(result.attachments ?? [])];
    fs.writeFileSync(full, JSON.stringify(result));
    added++;
  }
  return added;
}
