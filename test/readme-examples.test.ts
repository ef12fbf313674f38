import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ROOT } from './helpers';

/**
 * The README's code examples are quoted from files that npm test compiles, lints and runs: each block after an
 * `<!-- example: <file> -->` marker must appear in that file, line for line (indentation aside).
 */
const dedent = (lines: string[]) => {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent).trimEnd());
};

function examples(readme: string): { file: string; block: string[]; line: number }[] {
  const lines = readme.split('\n');
  const found: { file: string; block: string[]; line: number }[] = [];
  lines.forEach((l, i) => {
    const file = /<!-- example: (\S+) -->/.exec(l)?.[1];
    if (!file) return;
    expect(lines[i + 1], `README.md:${i + 2}: a fenced block must follow the example marker`).toMatch(/^\s*```/);
    const end = lines.findIndex((x, j) => j > i + 1 && /^\s*```\s*$/.test(x));
    found.push({ file, block: dedent(lines.slice(i + 2, end)), line: i + 1 });
  });
  return found;
}

const contains = (fileLines: string[], block: string[]) =>
  fileLines.some((_, i) => i + block.length <= fileLines.length && dedent(fileLines.slice(i, i + block.length)).join('\n') === block.join('\n'));

test('every README example is quoted from a file in the repository, unchanged', () => {
  const found = examples(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  expect(found.length).toBeGreaterThanOrEqual(8);
  for (const { file, block, line } of found) {
    const source = path.join(ROOT, file);
    expect(fs.existsSync(source), `README.md:${line}: ${file} does not exist`).toBe(true);
    expect(contains(fs.readFileSync(source, 'utf8').split('\n'), block), `README.md:${line}: the block is not in ${file} as written:\n${block.join('\n')}`).toBe(true);
  }
});

test('the check itself tells a drifted example from a quoted one', () => {
  const file = ['class A {', '  async open(): Promise<void> {', '    await this.page.goto(url);', '  }', '}'];
  expect(contains(file, dedent(['    async open(): Promise<void> {', '      await this.page.goto(url);', '    }']))).toBe(true);
  expect(contains(file, dedent(['async open(): Promise<void> {', '  await this.page.goto(other);', '}']))).toBe(false);
});
