import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file via a temporary name and rename, so a reader (another worker, a parallel run, an interrupted
 * one) never sees half of it. `mode` for secrets (0600), with their folder made 0700.
 */
export function writeAtomic(file: string, content: string, options: { mode?: number } = {}): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, ...(options.mode !== undefined ? { mode: 0o700 } : {}) });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, options.mode !== undefined ? { mode: options.mode } : undefined);
  fs.renameSync(tmp, file);
}
