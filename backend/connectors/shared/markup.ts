import { ParseError } from '../../domain';

/** How the start of an unexpected body reads in an error: "an HTML page", or its first characters. */
export function describeStart(text: string): string {
  const start = text.trimStart();
  if (start === '') return 'an empty body';
  if (start.startsWith('<')) return 'an HTML page';
  return JSON.stringify(start.slice(0, 40).replace(/\s+/g, ' '));
}

function htmlPage(source: string, expected: string): ParseError {
  return new ParseError(source, `got an HTML page where ${expected} was expected (the source may be down or the URL has changed)`);
}

/** Error and login pages often come with status 200: name them instead of failing on a column. For text formats. */
export function refuseMarkup(text: string, source: string, expected: string): void {
  if (/^\s*</.test(text)) throw htmlPage(source, expected);
}

/** An HTML page where an XML document (or text that may start with `<`) was expected. */
export function refuseHtml(text: string, source: string, expected: string): void {
  if (/^\s*<(!doctype\s+html|html|head|body)\b/i.test(text)) throw htmlPage(source, expected);
}
