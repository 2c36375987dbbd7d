import { GridError, ParseError } from '../../../domain';
import { inflateBudget, isZip, zipEntries } from '../../../formats/zip';
import { addDays } from '../../../time/clock';
import { readDay } from '../../shared/dates';
import { isObject, readJsonObject, requiredArray } from '../../shared/json';

/** One entry of the Public API's archive list (`archives[]` of `GET /archive/{emilId}`, schema `Archive`). */
export interface ArchiveDocument {
  docId: string;
  friendlyName: string;
  /** `postDatetime` as written (Central wall time), and its date. */
  posted: string;
  postedDay: string;
}

/**
 * Reads one page of an archive list: `{ _meta, product, archives: [{ docId, friendlyName,
 * postDatetime, _links }] }` (ERCOT pubapi-apim-api.json, `ProductHistory`). An XML rendition,
 * where the archive lists one, is left out: the CSV zip is the one the MIS parsers read.
 */
export function parseArchiveList(body: Buffer, source: string): ArchiveDocument[] {
  const answer = readJsonObject(body, source, 'an ERCOT archive list');
  const docs: ArchiveDocument[] = [];
  requiredArray(answer, 'archives', source).forEach((entry, i) => {
    const where = `archives[${i}]`;
    if (!isObject(entry)) throw new ParseError(source, `${where} is not an object`);
    const docId = entry.docId;
    if ((typeof docId !== 'number' && typeof docId !== 'string') || String(docId) === '')
      throw new ParseError(source, `${where} has no docId`);
    const friendlyName = String(entry.friendlyName ?? '');
    if (/_xml$/i.test(friendlyName)) return;
    const posted = String(entry.postDatetime ?? '');
    const postedDay = readDay(posted.slice(0, 10), source, `${where}, postDatetime`);
    docs.push({ docId: String(docId), friendlyName, posted, postedDay });
  });
  return docs;
}

/** The archive's posting window of day-ahead documents for delivery days `first`..`last`: each is posted the day before. */
export function damPostingWindow(first: string, last: string): { from: string; to: string } {
  return { from: `${addDays(first, -1)}T00:00:00`, to: `${addDays(last, -1)}T23:59:59` };
}

/** The archived day-ahead document of a delivery day: posted the day before; the latest posting wins (corrections). */
export function archivedDamDocument(docs: ArchiveDocument[], day: string, emil: string): ArchiveDocument {
  const posted = addDays(day, -1);
  const matches = docs.filter((d) => d.postedDay === posted).sort((a, b) => (a.posted < b.posted ? 1 : a.posted > b.posted ? -1 : 0));
  if (!matches.length)
    throw new GridError(
      'NO_DATA',
      `ERCOT's Public API archive of ${emil} lists no day-ahead prices document posted on ${posted}, so ${day} cannot be read from it${
        docs.length
          ? ` (it lists documents posted ${docs.map((d) => d.postedDay).sort()[0]} to ${docs.map((d) => d.postedDay).sort()[docs.length - 1]})`
          : ''
      }. If you have the DAMSPNP4190 file for that day, import it.`,
    );
  return matches[0];
}

/** `postDatetime` as a comparable `yyyy-MM-ddTHH:mm:ss` (a space for the T, fractions of a second dropped). */
const postedAt = (doc: ArchiveDocument): string => doc.posted.replace(' ', 'T').slice(0, 19);

/**
 * The archive's posting window of real-time interval documents (NP6-905-CD, one per 15 minutes)
 * for delivery days `first`..`last`, in Central wall time as the archive list is asked. A document
 * is posted a few minutes after its interval ends: the first interval of day D (00:00-00:15) on D
 * at about 00:15, the last (23:45-24:00) on D+1 at about 00:00-00:15. The window runs from D 00:00
 * to D+1 00:59:59, so that a late posting of the last interval is still listed; the documents of
 * the neighbouring days' intervals it also lists are read with the parser's day filter.
 */
export function intervalPostingWindow(first: string, last: string): { from: string; to: string } {
  return { from: `${first}T00:00:00`, to: `${addDays(last, 1)}T00:59:59` };
}

/**
 * The archived interval documents of delivery day `day`: those posted in its window
 * (`intervalPostingWindow(day, day)`), one per document name, the latest posting of it (ERCOT
 * posts a corrected interval again under its name). None posted between the end of the day's first
 * interval (00:15) and midnight is an error: the archive does not hold the day.
 */
export function archivedIntervalDocuments(docs: ArchiveDocument[], day: string, emil: string, what: string): ArchiveDocument[] {
  const { from, to } = intervalPostingWindow(day, day);
  const inWindow = docs.filter((d) => postedAt(d) >= from && postedAt(d) <= to);
  // The day's own first document is posted once its first interval ends (00:15); what the window
  // lists before that is the previous day's last interval, and from D+1 00:00 only the day's last.
  const ownFirst = `${day}T00:15:00`;
  const nextDay = `${addDays(day, 1)}T00:00:00`;
  if (!inWindow.some((d) => postedAt(d) >= ownFirst && postedAt(d) < nextDay)) {
    const days = docs.map((d) => d.postedDay).sort();
    throw new GridError(
      'NO_DATA',
      `ERCOT's Public API archive of ${emil} lists no ${what} documents posted on ${day}, so ${day} cannot be read from it${
        days.length ? ` (it lists documents posted ${days[0]} to ${days[days.length - 1]})` : ''
      }. If you have the day's files, import them.`,
    );
  }
  const latest = new Map<string, ArchiveDocument>();
  for (const doc of inWindow) {
    const name = doc.friendlyName.replace(/_csv$/i, '') || doc.docId;
    const seen = latest.get(name);
    if (!seen || postedAt(doc) > postedAt(seen)) latest.set(name, doc);
  }
  return [...latest.values()].sort((a, b) => (postedAt(a) < postedAt(b) ? -1 : postedAt(a) > postedAt(b) ? 1 : 0));
}

/**
 * The documents of one bulk download: the answer is a zip whose members are the documents' own
 * zips (each holding the MIS CSV), named after their docId (gridstatus reads the docId as the
 * member name up to its first dot). Every member is unzipped, all drawing on one inflate budget;
 * a member that is itself a CSV is taken as it is. Fewer members than documents asked is an error.
 */
export function bulkDocuments(body: Buffer, source: string, asked: number): Buffer[] {
  if (!isZip(body)) throw new ParseError(source, 'the bulk download did not answer a zip');
  const budget = inflateBudget();
  const docs: Buffer[] = [];
  for (const entry of zipEntries(body, source, { budget })) {
    const bytes = entry.read();
    if (isZip(bytes) || /\.csv$/i.test(entry.name)) docs.push(bytes);
  }
  if (docs.length < asked)
    throw new ParseError(source, `the bulk download holds ${docs.length} documents, but ${asked} were asked for; download it again`);
  return docs;
}
