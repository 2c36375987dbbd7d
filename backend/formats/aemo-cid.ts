import { ParseError } from '../domain';
import { eachCsvRow } from './csv';
import { decodeText } from './text';

/**
 * AEMO's multi-table CSV ("C/I/D" format, used by every NEMWeb report and the MMSDM archive):
 * `C` rows are comments (the first one names the report, the last is `C,"END OF REPORT",<lines>`),
 * `I,<REPORT>,<TABLE>,<VERSION>,col...` starts a table, `D,<REPORT>,<TABLE>,<VERSION>,value...` is a row
 * of the table last declared under that name. A table's name may be empty (`I,DREGION,,2,...`).
 */
export interface CidTable {
  report: string;
  table: string;
  version: string;
  columns: string[];
  rows: string[][];
}

export function cidKey(report: string, table: string): string {
  return `${report.toUpperCase()},${table.toUpperCase()}`;
}

/**
 * Every table of the file by `REPORT,TABLE`; throws a ParseError for anything not in the format.
 * The file is whole when it ends with its `C,"END OF REPORT",<lines>` row and that row counts the
 * lines there are; a D row has exactly the columns its I row declares.
 */
export function readCidTables(input: Buffer | string, source: string): Map<string, CidTable> {
  const tables = new Map<string, CidTable>();
  let sawHeader = false;
  let endAt: number | undefined;
  eachCsvRow(
    typeof input === 'string' ? input : decodeText(input),
    source,
    (row, line) => {
      const kind = row[0];
      if (row.length === 1 && kind === '') return;
      if (endAt !== undefined) throw new ParseError(source, `line ${line} follows the "END OF REPORT" line of line ${endAt}`);
      if (!sawHeader && kind !== 'C')
        throw new ParseError(source, `not an AEMO C/I/D report: line ${line} starts with "${kind.slice(0, 40)}", expected a C header row`);
      sawHeader = true;
      if (kind === 'C') {
        if (/^END OF REPORT$/i.test(row[1] ?? '')) endAt = endOfReport(row[2], line, source);
        return;
      }
      if (kind !== 'I' && kind !== 'D')
        throw new ParseError(source, `line ${line} starts with "${kind.slice(0, 40)}"; AEMO reports only have C, I and D rows`);
      if (row.length < 4) throw new ParseError(source, `line ${line} is too short for an ${kind} row`);
      const key = cidKey(row[1], row[2]);
      if (kind === 'I') {
        tables.set(key, { report: row[1], table: row[2], version: row[3], columns: row.slice(4), rows: [] });
        return;
      }
      const table = tables.get(key);
      if (!table) throw new ParseError(source, `line ${line} has data for ${row[1]},${row[2]} before its I header row`);
      if (row.length - 4 !== table.columns.length)
        throw new ParseError(
          source,
          `line ${line} has ${row.length - 4} values where the I row of ${row[1]},${row[2]} names ${table.columns.length} columns; the row is cut short or shifted`,
        );
      table.rows.push(row.slice(4));
    },
    'caller',
  );
  if (!sawHeader) throw new ParseError(source, 'the file is empty');
  if (endAt === undefined) throw new ParseError(source, 'no "END OF REPORT" line: the report is truncated; download it again');
  return tables;
}

/** The END OF REPORT line's own count of the file's lines (itself included), where it gives one, must be right. */
function endOfReport(count: string | undefined, line: number, source: string): number {
  if (count && /^\d+$/.test(count) && Number(count) !== line)
    throw new ParseError(
      source,
      `the "END OF REPORT" line says the report has ${count} lines, but it is line ${line}: lines were lost or added; download it again`,
    );
  return line;
}

/** Quick content check for sniffing: the first row is AEMO's `C,` report header. */
export function looksLikeCid(head: string): boolean {
  return /^C,[A-Z0-9_.]+,[A-Z0-9_]+,/.test(head.replace(/^\uFEFF/, ''));
}
