import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';

export const MASK = '••••••••';
// Webhook URLs carry their secret in the path.
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_?KEY|CREDENTIAL|WEBHOOK)/i;

/** Values of secret-looking environment variables (PCD_PASSWORD, …) plus any given explicitly. */
export function secretValues(extra: string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = Object.entries(env).filter(([k, v]) => SECRET_NAME.test(k) && v && v.length >= 4).map(([, v]) => v!);
  return [...new Set([...extra, ...fromEnv].filter((v) => v.length >= 4))];
}

/**
 * Cookie and web-storage values of every Playwright storage state under `dir` (saved sign-ins): whoever holds
 * them is signed in. Short values (flags, "1", "true") say nothing and are left alone.
 */
export function sessionSecrets(dir: string | undefined): string[] {
  if (!dir || !fs.existsSync(dir)) return [];
  const values: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    try {
      const state = JSON.parse(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8')) as { cookies?: { value?: string }[]; origins?: { localStorage?: { value?: string }[] }[] };
      for (const c of state.cookies ?? []) if (c.value) values.push(c.value);
      for (const o of state.origins ?? []) for (const item of o.localStorage ?? []) if (item.value) values.push(item.value);
    } catch {
      // Not a storage state (a sign-in failure note, its info file): nothing to mask.
    }
  }
  return values.filter((v) => v.length >= 8);
}

/** Every spelling a secret takes on its way into a report: raw, URL/form-encoded, JSON-escaped. */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)])];
}

export class SecretScrubber {
  private readonly patterns: string[];

  constructor(secrets: string[]) {
    this.patterns = secrets.flatMap(spellings).sort((a, b) => b.length - a.length);
  }

  get active(): boolean {
    return this.patterns.length > 0;
  }

  scrubText(text: string): string {
    return this.patterns.reduce((out, p) => out.split(p).join(MASK), text);
  }

  private scrubBytes(bytes: Uint8Array): Uint8Array | undefined {
    const text = Buffer.from(bytes).toString('latin1');
    if (!this.patterns.some((p) => text.includes(Buffer.from(p, 'utf8').toString('latin1')))) return undefined;
    return Buffer.from(this.scrubText(Buffer.from(bytes).toString('utf8')), 'utf8');
  }

  /** Masks secrets in one file; zip archives (Playwright traces) are opened and rewritten. Returns true if changed. */
  scrubFile(file: string): boolean {
    const bytes = fs.readFileSync(file);
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes);
      } catch {
        return false;
      }
      let changed = false;
      for (const [name, data] of Object.entries(entries)) {
        const scrubbed = this.scrubBytes(data);
        if (scrubbed) {
          entries[name] = scrubbed;
          changed = true;
        }
      }
      if (changed) fs.writeFileSync(file, zipSync(entries));
      return changed;
    }
    const scrubbed = this.scrubBytes(bytes);
    if (scrubbed) fs.writeFileSync(file, scrubbed);
    return !!scrubbed;
  }

  /** Walks a folder (test-results, allure-results…) and masks every occurrence. Returns the files changed. */
  scrubTree(dir: string): string[] {
    if (!this.active || !fs.existsSync(dir)) return [];
    const changed: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const file = path.join(entry.parentPath, entry.name);
      if (entry.isFile() && this.scrubFile(file)) changed.push(file);
    }
    return changed;
  }
}
