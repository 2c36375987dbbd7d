import { GridError, type ParsedPoint, ParseError } from '../../domain';
import { headText } from '../../formats/text';
import { parseXml } from '../../formats/xml';
import { marketDay } from '../../time/clock';
import type { Parser } from '../types';
import { readInstant } from '../shared/dates';
import { isObject, type JsonObject } from '../shared/json';
import { refuseHtml } from '../shared/markup';
import { readNumber, readWholeNumber } from '../shared/numbers';
import { periodBounds } from '../shared/period';
import { ENTSOE_CLOCK, zoneNameOfEic } from './entsoe-zones';
import { sdacMtuMinutes } from './sdac';

const MINUTE = 60_000;
const RESOLUTION_MINUTES: Record<string, number> = { PT15M: 15, PT30M: 30, PT60M: 60 };
const SEQUENCE_RUN: Record<string, string> = { '1': 'DA', '2': 'EXAA' };

/** One Period of one TimeSeries: a zone's prices for one market day at one resolution. */
interface PriceBlock {
  location: string;
  currency: string;
  /** `classificationSequence_AttributeInstanceComponent.position`, when the series carries one. */
  sequence?: string;
  day: string;
  minutes: number;
  points: { start: number; value: number }[];
}

export interface EntsoeA44Options {
  /**
   * Read as the answer to a request, keep only the points of the requested market days (ENTSO-E may
   * send the next day along). A file read on import keeps everything.
   */
  requestedDaysOnly?: boolean;
}

/**
 * ENTSO-E A44 publication document, old (7:0, curve A01) and current (7:3, curve A03) schemas.
 * Run DA is the SDAC price (sequence 1, or an unmarked series); run EXAA is sequence 2, the separate
 * EXAA auction ENTSO-E publishes for DE-LU and AT. Documents without sequences (old archives) that
 * carry an hourly and a finer series for a day before the 15-minute SDAC are told apart the same way:
 * SDAC was hourly then, so the finer series is the EXAA auction. Zones are named by their EIC code
 * (`entsoe-zones.ts`). An acknowledgement document is ENTSO-E's "no data" (NOT_PUBLISHED) or its
 * refusal of the query.
 */
export function entsoeA44Parser(options: EntsoeA44Options = {}): Parser {
  return (body, { source, request }) => {
    const points = readA44(body, source);
    if (!options.requestedDaysOnly || !request) return { points };
    const { start, end } = periodBounds(request.period, ENTSOE_CLOCK);
    const asked = points.filter((p) => p.start >= start && p.start < end);
    if (!asked.length) throw noPrices(source);
    return { points: asked };
  };
}

/** Every point of the document, as it stands. */
export const parseEntsoeA44: Parser = entsoeA44Parser();

function readA44(body: Buffer, source: string): ParsedPoint[] {
  // An HTML error page declares a doctype, which the XML reader would refuse as unsafe instead.
  refuseHtml(headText(body, 512), source, 'an ENTSO-E XML document');
  const doc = parseXml(body, source, ['TimeSeries', 'Period', 'Point', 'Reason']);
  if (isObject(doc.Acknowledgement_MarketDocument)) throw acknowledgementError(doc.Acknowledgement_MarketDocument, source);
  const publication = doc.Publication_MarketDocument;
  if (!isObject(publication)) throw new ParseError(source, 'not an ENTSO-E publication document (no Publication_MarketDocument element)');
  if (text(publication, 'type') !== 'A44')
    throw new ParseError(source, `expected document "type" A44 (day-ahead prices), got ${text(publication, 'type') ?? 'none'}`);

  const blocks: PriceBlock[] = [];
  for (const series of asArray(publication.TimeSeries)) {
    const contract = text(series, 'contract_MarketAgreement.type');
    if (contract && contract !== 'A01') continue; // A07 (intraday auctions) rides along in some answers
    blocks.push(...seriesBlocks(series, source));
  }
  if (!blocks.length) throw noPrices(source);

  const points: ParsedPoint[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const run = runOf(block, blocks);
    for (const p of block.points) {
      const key = `${run}|${block.location}|${p.start}`;
      if (seen.has(key))
        throw new ParseError(
          source,
          `two ${run} prices for ${block.location} at ${new Date(p.start).toISOString()}; the document mixes series`,
        );
      seen.add(key);
      const point: ParsedPoint = {
        location: block.location,
        run,
        product: 'LMP',
        start: p.start,
        end: p.start + block.minutes * MINUTE,
        value: p.value,
      };
      if (block.currency !== 'EUR') point.currency = block.currency;
      points.push(point);
    }
  }
  return points;
}

function noPrices(source: string): GridError {
  return new GridError('NOT_PUBLISHED', `${source}: ENTSO-E sent no day-ahead prices for this zone and period yet.`);
}

function runOf(block: PriceBlock, all: PriceBlock[]): string {
  if (block.sequence !== undefined) return SEQUENCE_RUN[block.sequence];
  const hourlySibling = all.some(
    (b) => b.sequence === undefined && b.location === block.location && b.day === block.day && b.minutes === 60,
  );
  return block.minutes < 60 && hourlySibling && sdacMtuMinutes(block.day) === 60 ? 'EXAA' : 'DA';
}

function seriesBlocks(series: JsonObject, source: string): PriceBlock[] {
  const location = zoneNameOfEic(required(series, 'in_Domain.mRID', source));
  const currency = required(series, 'currency_Unit.name', source);
  const unit = required(series, 'price_Measure_Unit.name', source);
  if (unit.toUpperCase() !== 'MWH') throw new ParseError(source, `expected "price_Measure_Unit.name" MWH, got ${unit}`);
  const sequence = text(series, 'classificationSequence_AttributeInstanceComponent.position');
  if (sequence !== undefined && !(sequence in SEQUENCE_RUN))
    throw new ParseError(source, `unknown classificationSequence position ${sequence} for ${location}`);
  // A01 lists every position; A03 omits a position whose price equals the one before it.
  const forwardFill = (text(series, 'curveType') ?? 'A01') === 'A03';
  const periods = asArray(series.Period);
  if (!periods.length) throw new ParseError(source, `TimeSeries for ${location} has no "Period"`);
  return periods.map((period) => {
    const interval = isObject(period.timeInterval) ? period.timeInterval : undefined;
    if (!interval) throw new ParseError(source, `Period for ${location} has no "timeInterval"`);
    const start = readInstant(required(interval, 'start', source), source, 'timeInterval start');
    const end = readInstant(required(interval, 'end', source), source, 'timeInterval end');
    const resolution = required(period, 'resolution', source);
    const minutes = RESOLUTION_MINUTES[resolution];
    if (!minutes) throw new ParseError(source, `unsupported "resolution" ${resolution}`);
    const slots = (end - start) / (minutes * MINUTE);
    if (!Number.isInteger(slots) || slots < 1)
      throw new ParseError(
        source,
        `Period ${new Date(start).toISOString()}..${new Date(end).toISOString()} is not a whole number of ${resolution} intervals`,
      );
    const prices = positionPrices(period, slots, source);
    const points: PriceBlock['points'] = [];
    let previous: number | undefined;
    for (let position = 1; position <= slots; position++) {
      const value = prices.get(position) ?? (forwardFill ? previous : undefined);
      if (value === undefined) continue;
      points.push({ start: start + (position - 1) * minutes * MINUTE, value });
      previous = value;
    }
    return { location, currency, sequence, day: marketDay(start, ENTSOE_CLOCK), minutes, points };
  });
}

function positionPrices(period: JsonObject, slots: number, source: string): Map<number, number> {
  const prices = new Map<number, number>();
  for (const point of asArray(period.Point)) {
    const position = readWholeNumber(required(point, 'position', source), source, 'Point "position"');
    const amount = readNumber(required(point, 'price.amount', source), source, `"price.amount" at position ${position}`);
    if (position < 1 || position > slots)
      throw new ParseError(source, `Point "position" ${position} lies outside its Period (1..${slots})`);
    if (amount === undefined) throw new ParseError(source, `"price.amount" at position ${position} is empty`);
    if (prices.has(position)) throw new ParseError(source, `position ${position} appears twice in one Period`);
    prices.set(position, amount);
  }
  return prices;
}

function acknowledgementError(ack: JsonObject, source: string): GridError {
  const reasons = asArray(ack.Reason).map((r) => `${text(r, 'code') ?? '?'} ${text(r, 'text') ?? ''}`.trim());
  const said = reasons.join('; ') || 'no reason given';
  if (/no matching data/i.test(said))
    return new GridError('NOT_PUBLISHED', `ENTSO-E has no day-ahead prices for that zone and period (yet): ${said}`);
  return new GridError('UPSTREAM', `${source}: ENTSO-E refused the query: ${said}`);
}

function asArray(value: unknown): JsonObject[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(isObject);
}

/** Element text; elements with attributes (`<in_Domain.mRID codingScheme="A01">`) arrive as `{ '#text' }`. */
function text(node: JsonObject, key: string): string | undefined {
  const value = node[key];
  const raw = isObject(value) ? value['#text'] : value;
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

function required(node: JsonObject, key: string, source: string): string {
  const value = text(node, key);
  if (value === undefined) throw new ParseError(source, `missing element "${key}"`);
  return value;
}
