import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { UserInputError } from '../errors';
import { setting } from './env';

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/**
 * Loads `.env` (or $PORTAL_MATRIX_ENV) into process.env without overriding variables already set (and not empty).
 * dotenv silently skips malformed lines, which hides typos in credentials; we check syntax first so a
 * bad line is reported as `file:line` instead of becoming a mysterious sign-in failure later.
 */
export function loadDotenv(file = setting(process.env, 'PORTAL_MATRIX_ENV') ?? path.resolve(process.cwd(), '.env')): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  checkDotenvSyntax(text, file);
  // Variables already set win over the file, as with dotenv, but an empty one counts as unset: CI passes an
  // unconfigured secret as "", which must not hide the value in .env.
  for (const [name, value] of Object.entries(dotenv.parse(text))) {
    if (setting(process.env, name) === undefined) process.env[name] = value;
  }
  return file;
}

export function checkDotenvSyntax(text: string, file: string): void {
  const lines = text.split(/\r?\n/);
  let openQuote: { quote: string; line: number } | undefined;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (openQuote) {
      if (line.includes(openQuote.quote)) openQuote = undefined;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      throw new UserInputError(
        `${file}:${lineNo}: expected NAME=value, found ${JSON.stringify(trimmed.slice(0, 60))}. ` +
          'Fix the line or comment it out with #; see .env.example for every variable.',
      );
    }
    const value = line.slice(match[0].length).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote)) {
      openQuote = { quote, line: lineNo };
    }
  });
  if (openQuote) {
    throw new UserInputError(`${file}:${openQuote.line}: the value opened with ${openQuote.quote} is never closed.`);
  }
}
