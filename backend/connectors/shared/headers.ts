/** Sniffing a file offered for import by its first line (`FileSample.head` is latin1, so a UTF-8 BOM shows as three chars). */

/** The first line of a text sample, without a byte-order mark, trimmed. */
export function firstLine(head: string): string {
  return (head.split(/\r?\n/, 1)[0] ?? '').replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').trim();
}

/** The first line split into trimmed, unquoted header cells. */
export function headerCells(head: string): string[] {
  return firstLine(head)
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, '').trim());
}
