const utf8 = new TextDecoder('utf-8');
const shiftJis = new TextDecoder('shift_jis');

/** UTF-8 text without a byte-order mark. */
export function decodeText(bytes: Buffer): string {
  const text = utf8.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Shift_JIS (CP932) text, as JEPX publishes. */
export function decodeShiftJis(bytes: Buffer): string {
  return shiftJis.decode(bytes);
}

/** The first `max` bytes as latin1: every byte maps to one char, so sniffing never throws. */
export function headText(bytes: Buffer, max = 65536): string {
  return bytes.subarray(0, max).toString('latin1');
}

/**
 * A copy of a string that does not keep its source alive. V8 represents substrings (CSV cells)
 * as slices of the whole text they came from; keeping one such cell beyond a parse would keep the
 * whole text. Used for names that outlive a piece of a streamed file.
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}
