/** Sniffing a file offered for import by its first lines (`FileSample.head` is latin1, so a UTF-8 BOM shows as three chars). */

/** The first `count` lines of a text sample (CRLF, LF and a lone CR alike), the last one maybe cut. */
export function headLines(head: string, count?: number): string[] {
  return head.split(/\r\n?|\n/, count);
}

/** The first line of a text sample, without a byte-order mark, trimmed. */
export function firstLine(head: string): string {
  return (headLines(head, 1)[0] ?? '').replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').trim();
}

/** The first line split into trimmed, unquoted header cells. */
export function headerCells(head: string): string[] {
  return firstLine(head)
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, '').trim());
}

/** Whether header cells name every one of these columns, trimmed and in any case. */
export function namesAll(header: readonly string[] | undefined, names: readonly string[]): boolean {
  const have = new Set((header ?? []).map((h) => h.trim().toLowerCase()));
  return names.every((n) => have.has(n.toLowerCase()));
}
