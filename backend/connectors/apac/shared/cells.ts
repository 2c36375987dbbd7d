import { ParseError } from '../../../errors';

/**
 * A numeric cell of JEPX and NEMWeb files: empty or `-` is missing (undefined, never zero);
 * anything else that is not a number makes the whole file untrustworthy.
 */
export function numericCell(cell: string | undefined, source: string, where: string): number | undefined {
  const text = (cell ?? '').trim();
  if (text === '' || text === '-') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ParseError(source, `${where}: "${text.slice(0, 40)}" is not a number`);
  return value;
}

/** Error pages arrive with status 200 from both sources; name them instead of failing on a column. */
export function rejectMarkup(text: string, source: string): void {
  if (/^\s*</.test(text)) throw new ParseError(source, 'got an HTML/XML page where a data file was expected (the source may be down or the URL has changed)');
}
