import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse';
import { UserInputError } from '../errors';

/** One column of a CSV schema: how to read and check a raw cell. */
export interface Column<T> {
  required: boolean;
  /** What the user should write, for the error message ("one of critical, normal, minor"). */
  expected: string;
  read(raw: string): T | undefined;
}

export type Row<S> = { [K in keyof S]: S[K] extends Column<infer T> ? T : never };

export const text = (required = true): Column<string> => ({ required, expected: 'text', read: (raw) => raw });
export const integer = (required = true): Column<number> => ({
  required, expected: 'a whole number',
  read: (raw) => (/^-?\d+$/.test(raw) ? Number(raw) : undefined),
});
export const decimal = (required = true): Column<number> => ({
  required, expected: 'a number such as 1234.50',
  read: (raw) => (/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined),
});
export const oneOf = <T extends string>(values: readonly T[], required = true): Column<T> => ({
  required, expected: `one of ${values.join(', ')}`,
  read: (raw) => (values as readonly string[]).includes(raw) ? (raw as T) : undefined,
});
export const yesNo = (required = true): Column<boolean> => ({
  required, expected: 'yes or no',
  read: (raw) => (raw === 'yes' ? true : raw === 'no' ? false : undefined),
});
export const isoDate = (required = true): Column<string> => ({
  required, expected: 'a date as YYYY-MM-DD',
  read: (raw) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined),
});
/** Several values in one cell, separated by ";" (e.g. the nodes of a cluster). */
export const list = (required = true): Column<string[]> => ({
  required, expected: 'values separated by ";"',
  read: (raw) => raw.split(';').map((v) => v.trim()).filter(Boolean),
});

export interface CsvSchema<S extends Record<string, Column<unknown>>> {
  columns: S;
  /** Column whose values must be unique within the file (within each value of `keyScope`, when given). */
  key?: keyof S & string;
  /** e.g. `portal` for tasks.csv: the same task id may appear once per portal. */
  keyScope?: keyof S & string;
}

export interface Located<T> {
  row: T;
  line: number;
}

const where = (file: string, line: number, column?: number): string =>
  `${path.relative(process.cwd(), file) || file}:${line}${column ? `:${column}` : ''}`;

/**
 * Reads a CSV file with a typed schema. Every problem is a UserInputError naming file:line:column, the
 * column's name and what was expected, so a broken data file stops the run before any browser starts.
 */
export function loadCsv<S extends Record<string, Column<unknown>>>(file: string, schema: CsvSchema<S>): Located<Row<S>>[] {
  if (!fs.existsSync(file)) throw new UserInputError(`${file}: file not found.`);
  const buffer = fs.readFileSync(file);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    throw new UserInputError(
      `${where(file, 1, 1)}: the file starts with a byte-order mark (BOM), as Excel's "CSV UTF-8" writes it. ` +
        'Save it as UTF-8 without BOM (or remove the first three bytes).',
    );
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(buffer.toString('utf8'), { info: true, skip_empty_lines: true, relax_column_count: true, comment: '#', comment_no_infix: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse/sync throws its own copy of CsvError, so recognise it by shape rather than by class.
    if (typeof (error as { code?: unknown }).code === 'string' && typeof (error as { lines?: unknown }).lines === 'number') {
      const e = error as CsvError & { lines?: number; column?: number | string };
      const column = typeof e.column === 'number' ? e.column + 1 : undefined;
      throw new UserInputError(`${where(file, e.lines ?? 1, column)}: ${e.message.replace(/\s+at line \d+.*$/s, '')} — check the quotes on this line (a quote inside a field must be doubled: "").`);
    }
    throw error;
  }
  const [headerRecord, ...body] = records;
  if (!headerRecord) throw new UserInputError(`${where(file, 1)}: the file is empty; expected a header line: ${Object.keys(schema.columns).join(',')}`);
  const header = headerRecord.record;
  const expectedColumns = Object.keys(schema.columns);
  for (const name of expectedColumns) {
    if (!header.includes(name)) {
      throw new UserInputError(`${where(file, headerRecord.info.lines)}: missing column "${name}". The header must name: ${expectedColumns.join(',')}`);
    }
  }
  const unknown = header.find((name) => !expectedColumns.includes(name));
  if (unknown !== undefined) {
    throw new UserInputError(`${where(file, headerRecord.info.lines, header.indexOf(unknown) + 1)}: unknown column "${unknown}". Expected only: ${expectedColumns.join(',')}`);
  }
  const seen = new Map<unknown, number>();
  return body.map(({ record, info }) => {
    if (record.length !== header.length) {
      throw new UserInputError(`${where(file, info.lines)}: ${record.length} fields, but the header has ${header.length}. A comma inside a value needs quotes.`);
    }
    const row: Record<string, unknown> = {};
    for (const [name, column] of Object.entries(schema.columns)) {
      const index = header.indexOf(name);
      const rawValue = record[index] ?? '';
      const at = where(file, info.lines, index + 1);
      if (rawValue === '') {
        if (column.required) throw new UserInputError(`${at}: column "${name}" is empty; expected ${column.expected}.`);
        row[name] = undefined;
        continue;
      }
      const value = column.read(rawValue);
      if (value === undefined) throw new UserInputError(`${at}: column "${name}" is ${JSON.stringify(rawValue)}; expected ${column.expected}.`);
      row[name] = value;
    }
    if (schema.key) {
      const id = schema.keyScope ? JSON.stringify([row[schema.keyScope], row[schema.key]]) : row[schema.key];
      const first = seen.get(id);
      if (first !== undefined) {
        throw new UserInputError(`${where(file, info.lines, header.indexOf(schema.key) + 1)}: duplicate ${schema.key} ${JSON.stringify(row[schema.key])}${schema.keyScope ? ` for ${schema.keyScope} ${JSON.stringify(row[schema.keyScope])}` : ''} (first on line ${first}).`);
      }
      seen.set(id, info.lines);
    }
    return { row: row as Row<S>, line: info.lines };
  });
}
