import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import type { Matrix } from '../src/matrix/model';
import { ROOT } from './helpers';
import { PLAYWRIGHT_CLI, nodeCommand } from '../src/processes/children';

// A small suite inside this repository that is not ours (no tags, no catalog); quick, so it runs with the units.
test('the reporter on a suite that is not ours gives a sensible matrix', () => {
  const peer = path.join(ROOT, 'test', 'peer-suite');
  const out = path.join(ROOT, 'reports', 'self-test-runs', 'peer');
  fs.rmSync(out, { recursive: true, force: true });
  spawnSync(...nodeCommand(PLAYWRIGHT_CLI, ['test', '-c', peer]), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PEER_OUT: out, MATRIX_HISTORY: path.join(out, 'h.jsonl') } });
  const matrix = JSON.parse(fs.readFileSync(path.join(out, 'matrix.json'), 'utf8')) as Matrix;
  expect(matrix.browsers.map((b) => b.id)).toEqual(['chromium', 'firefox']);
  const byTask = Object.fromEntries(matrix.rows.map((r) => [r.task, r]));
  expect(Object.keys(byTask).sort()).toEqual(['adds a todo', 'month input rejects text', 'shows the heading']);
  expect(byTask['adds a todo']!.verdict).toBe('all-passed');
  // <input type=month> is validated by Chromium only: a genuinely browser-specific row.
  expect(byTask['month input rejects text']!.verdict).toBe('browser-specific');
  expect(byTask['month input rejects text']!.cells.firefox!.status).toBe('failed');
});
