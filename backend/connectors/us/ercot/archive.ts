import { GridError, ParseError } from '../../../domain';
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
