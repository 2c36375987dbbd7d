import { parse } from 'csv-parse/sync';
import { ParseError } from '../errors';
import { decodeText } from './text';

export type CsvRow = string[];

/**
 * Reads CSV text row by row without keeping the rows: `onRow` sees each record as an array of
 * trimmed strings, with its 1-based line number. Ragged rows and quoted fields are fine.
 */
export function eachCsvRow(input: Buffer | string, onRow: (row: CsvRow, line: number) => void, source = 'CSV'): void {
  const text = typeof input === 'string' ? input : decodeText(input);
  let line = 0;
  try {
    parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      on_record: (record: string[]) => {
        line++;
        onRow(record, line);
        return null;
      },
    });
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError(source, `not valid CSV near line ${line + 1}: ${(e as Error).message}`);
  }
}

/** All rows at once, for small files. */
export function readCsv(input: Buffer | string, source = 'CSV'): CsvRow[] {
  const rows: CsvRow[] = [];
  eachCsvRow(input, (row) => rows.push(row), source);
  return rows;
}

/**
 * Column positions by name, checked: a renamed or missing column is a ParseError naming it.
 * `names` maps our key to the accepted spellings of the header cell (first match wins).
 */
export function columnIndex<K extends string>(header: CsvRow, names: Record<K, string[]>, source: string, optional: K[] = []): Record<K, number> {
  const normalized = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<K, number>;
  for (const key of Object.keys(names) as K[]) {
    const at = names[key].map((n) => normalized.indexOf(n.toLowerCase())).find((i) => i >= 0);
    if (at === undefined) {
      if (optional.includes(key)) {
        index[key] = -1;
        continue;
      }
      throw new ParseError(source, `missing column "${names[key][0]}" (header was: ${header.join(',')})`);
    }
    index[key] = at;
  }
  return index;
}
