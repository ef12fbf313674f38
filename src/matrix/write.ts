import path from 'node:path';
import type { Matrix } from './model';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-text';
import { writeAtomic } from '../files';

export function writeMatrix(outputDir: string, matrix: Matrix): { json: string; html: string; md: string } {
  const files = { json: path.join(outputDir, 'matrix.json'), html: path.join(outputDir, 'matrix.html'), md: path.join(outputDir, 'matrix.md') };
  writeAtomic(files.json, JSON.stringify(matrix, null, 2));
  writeAtomic(files.html, renderHtml(matrix));
  writeAtomic(files.md, renderMarkdown(matrix));
  return files;
}
