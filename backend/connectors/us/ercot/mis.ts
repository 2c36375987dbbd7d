import { GridError, ParseError } from '../../../domain';
import { addDays, dayBounds } from '../../../time/clock';
import { readInstant } from '../../shared/dates';
import { isObject, readJson } from '../../shared/json';
import { ercotMarket } from './market';

/** One entry of an MIS document list (`IceDocListJsonWS`). */
export interface MisDocument {
  docId: string;
  friendlyName: string;
  /** The posting instant, and its Central date as written in the list. */
  published: number;
  publishedDay: string;
}

/** Reads the document list; only the CSV renditions are kept (each report is also posted as XML). */
export function parseDocList(body: Buffer, source: string): MisDocument[] {
  const list = readJson(body, source, 'an MIS document list') as { ListDocsByRptTypeRes?: { DocumentList?: unknown } } | null;
  const raw = list?.ListDocsByRptTypeRes?.DocumentList;
  if (raw === undefined) throw new ParseError(source, 'missing "ListDocsByRptTypeRes.DocumentList": not an MIS document list');
  // An empty list comes as an empty string or is absent; a single document may not be wrapped in an array.
  const entries = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
  const docs: MisDocument[] = [];
  for (const entry of entries) {
    const d = (entry as { Document?: Record<string, unknown> }).Document;
    if (!d) throw new ParseError(source, 'an MIS document list entry has no "Document"');
    const friendlyName = String(d.FriendlyName ?? '');
    if (!/_csv$/i.test(friendlyName)) continue;
    if (!d.DocID) throw new ParseError(source, `MIS document ${friendlyName} has no DocID`);
    const publishDate = String(d.PublishDate ?? '');
    const published = readInstant(publishDate, source, `MIS document ${friendlyName}, PublishDate`);
    docs.push({ docId: String(d.DocID), friendlyName, published, publishedDay: publishDate.slice(0, 10) });
  }
  return docs;
}

function notListed(what: string, day: string, docs: MisDocument[], coveredDay: (doc: MisDocument) => string): GridError {
  const days = docs.map(coveredDay).sort();
  if (days.length && day > days[days.length - 1]) {
    return new GridError(
      'NOT_PUBLISHED',
      `ERCOT has not posted ${what} for ${day} yet (the newest on the MIS is for ${days[days.length - 1]}).`,
    );
  }
  return new GridError(
    'NOT_PUBLISHED',
    `ERCOT's MIS lists ${what} only for recent days${days.length ? ` (${days[0]} to ${days[days.length - 1]})` : ''}; ${day} is not among them. Set ERCOT_API_USERNAME, ERCOT_API_PASSWORD and ERCOT_API_SUBSCRIPTION_KEY to read older days from the Public API, or import the file.`,
  );
}

/** Day-ahead prices for a delivery day are posted the day before; the latest posting wins (corrections). */
export function damDocument(docs: MisDocument[], day: string, what = 'day-ahead prices'): MisDocument {
  return dailyDocument(docs, day, -1, what);
}

/**
 * The document of a day posted `lag` days from it (day-ahead reports -1, the day before; NP6-345-CD
 * actual load +1, the morning after); the latest posting wins (corrections).
 */
export function dailyDocument(docs: MisDocument[], day: string, lag: number, what: string): MisDocument {
  const posted = addDays(day, lag);
  const matches = docs.filter((d) => d.publishedDay === posted).sort((a, b) => b.published - a.published);
  if (!matches.length) throw notListed(what, day, docs, (d) => addDays(d.publishedDay, -lag));
  return matches[0];
}

/**
 * The latest forecast covering a day: a seven-day load forecast (NP3-560-CD, NP3-561-CD) posted on
 * day P covers P to P+7 (the day it is posted and the seven after), posted every hour. The newest
 * posting on `day` or in the `horizonDays` before it is the latest forecast of the day.
 */
export function forecastDocument(docs: MisDocument[], day: string, horizonDays: number, what: string): MisDocument {
  const first = addDays(day, -horizonDays);
  const matches = docs.filter((d) => d.publishedDay >= first && d.publishedDay <= day).sort((a, b) => b.published - a.published);
  if (!matches.length) throw notListed(what, day, docs, (d) => addDays(d.publishedDay, horizonDays));
  return matches[0];
}

/** Posting window of a day's 15-minute files: from the day's start to an hour after its end (the last interval). */
export function intervalDocuments(docs: MisDocument[], day: string, what: string): MisDocument[] {
  const { start, end } = dayBounds(day, ercotMarket.clock);
  const matches = docs.filter((d) => d.published > start && d.published <= end + 3_600_000);
  if (!matches.length) throw notListed(what, day, docs, (d) => d.publishedDay);
  return matches;
}
