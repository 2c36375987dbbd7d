import { GridError } from '../../domain';

/** Helpers shared by the SPP and NYISO connectors: file-name days, header sniffing, not-published answers. */

export function isNotPublished(e: unknown): boolean {
  return e instanceof GridError && e.code === 'NOT_PUBLISHED';
}

/** `YYYY-MM-DD` as `YYYYMMDD`. */
export function compactDay(day: string): string {
  return day.replace(/-/g, '');
}

/** First line of a text sample, split into trimmed, unquoted header cells. */
export function headerCells(head: string): string[] {
  const first = head.split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').trim());
}
