import { LOAD_PRODUCT } from '../../../contract';
import { GridError, type ParsedPoint, ParseError } from '../../domain';
import { headText } from '../../formats/text';
import { parseXml } from '../../formats/xml';
import { marketDay } from '../../time/clock';
import type { Parser } from '../types';
import { readInstant } from '../shared/dates';
import { FuelTally, pushForecast } from '../shared/fundamentals';
import { isObject, type JsonObject } from '../shared/json';
import { refuseHtml } from '../shared/markup';
import { readNumber, readWholeNumber } from '../shared/numbers';
import { periodBounds } from '../shared/period';
import { RowGuard } from '../shared/points';
import { ENTSOE_PSR_FUELS } from './entsoe-psr';
import { ENTSOE_CLOCK, zoneNameOfEic } from './entsoe-zones';
import { sdacMtuMinutes } from './sdac';

const MINUTE = 60_000;
const RESOLUTION_MINUTES: Record<string, number> = { PT15M: 15, PT30M: 30, PT60M: 60 };
/** Day-ahead prices (contract A01): the SDAC auction and, for DE-LU and AT, the EXAA auction. */
const DA_SEQUENCES: Record<string, string> = { '1': 'DA', '2': 'EXAA' };
/** Intraday auction prices (contract A07): the pan-European IDA1, IDA2 and IDA3 by their position. */
const INTRADAY_SEQUENCES: Record<string, string> = { '1': 'ID1', '2': 'ID2', '3': 'ID3' };

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

/** A Period's bounds and resolution, checked. */
interface PeriodGrid {
  start: number;
  minutes: number;
  slots: number;
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
 * refusal of the query. Intraday auction series (contract A07) are left to `parseEntsoeA44Intraday`.
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

/**
 * ENTSO-E A44 intraday auction prices: the series with `contract_MarketAgreement.type` A07, whose
 * `classificationSequence_AttributeInstanceComponent.position` 1, 2, 3 is IDA1, IDA2, IDA3 (runs ID1,
 * ID2, ID3). IDA3 covers only the second half of its delivery day (12:00-24:00 CE(S)T), so it has fewer
 * points. Day-ahead series (A01) in the same document are left to the day-ahead parser.
 */
export const parseEntsoeA44Intraday: Parser = (body, { source }) => {
  const publication = openDocument(body, source, 'Publication_MarketDocument', 'A44', 'intraday auction prices');
  const points: ParsedPoint[] = [];
  const seen = new Set<string>();
  for (const series of asArray(publication.TimeSeries)) {
    if (text(series, 'contract_MarketAgreement.type') !== 'A07') continue;
    for (const block of seriesBlocks(series, source, INTRADAY_SEQUENCES)) {
      if (block.sequence === undefined)
        throw new ParseError(source, `an intraday auction series for ${block.location} names no classificationSequence position`);
      pushPrices(points, seen, block, INTRADAY_SEQUENCES[block.sequence], source);
    }
  }
  if (!points.length)
    throw new GridError('NOT_PUBLISHED', `${source}: ENTSO-E sent no intraday auction prices for this zone and period yet.`);
  return { points };
};

/** A block's prices under `run`; a second price for a zone and interval in one document is refused. */
function pushPrices(points: ParsedPoint[], seen: Set<string>, block: PriceBlock, run: string, source: string): void {
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

/** Whether an A44 document's first bytes show intraday auction series only (contract A07, no A01). */
export function isIntradayA44(head: string): boolean {
  return /<contract_MarketAgreement\.type>\s*A07\s*</.test(head) && !/<contract_MarketAgreement\.type>\s*A01\s*</.test(head);
}

function readA44(body: Buffer, source: string): ParsedPoint[] {
  const publication = openDocument(body, source, 'Publication_MarketDocument', 'A44', 'day-ahead prices');
  const blocks: PriceBlock[] = [];
  for (const series of asArray(publication.TimeSeries)) {
    const contract = text(series, 'contract_MarketAgreement.type');
    if (contract && contract !== 'A01') continue; // A07 (intraday auctions) rides along in some answers
    blocks.push(...seriesBlocks(series, source, DA_SEQUENCES));
  }
  if (!blocks.length) throw noPrices(source);

  const points: ParsedPoint[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    pushPrices(points, seen, block, runOf(block, blocks), source);
  }
  return points;
}

function noPrices(source: string): GridError {
  return new GridError('NOT_PUBLISHED', `${source}: ENTSO-E sent no day-ahead prices for this zone and period yet.`);
}

function runOf(block: PriceBlock, all: PriceBlock[]): string {
  if (block.sequence !== undefined) return DA_SEQUENCES[block.sequence];
  const hourlySibling = all.some(
    (b) => b.sequence === undefined && b.location === block.location && b.day === block.day && b.minutes === 60,
  );
  return block.minutes < 60 && hourlySibling && sdacMtuMinutes(block.day) === 60 ? 'EXAA' : 'DA';
}

function seriesBlocks(series: JsonObject, source: string, sequences: Record<string, string>): PriceBlock[] {
  const location = zoneNameOfEic(required(series, 'in_Domain.mRID', source));
  const currency = required(series, 'currency_Unit.name', source);
  const unit = required(series, 'price_Measure_Unit.name', source);
  if (unit.toUpperCase() !== 'MWH') throw new ParseError(source, `expected "price_Measure_Unit.name" MWH, got ${unit}`);
  const sequence = text(series, 'classificationSequence_AttributeInstanceComponent.position');
  if (sequence !== undefined && !(sequence in sequences))
    throw new ParseError(source, `unknown classificationSequence position ${sequence} for ${location}`);
  // A01 lists every position; A03 omits a position whose price equals the one before it.
  const forwardFill = (text(series, 'curveType') ?? 'A01') === 'A03';
  const periods = asArray(series.Period);
  if (!periods.length) throw new ParseError(source, `TimeSeries for ${location} has no "Period"`);
  return periods.map((period) => {
    const grid = readPeriod(period, location, source);
    const prices = positionValues(period, grid.slots, 'price.amount', source);
    const points: PriceBlock['points'] = [];
    let previous: number | undefined;
    for (let position = 1; position <= grid.slots; position++) {
      const value = prices.get(position) ?? (forwardFill ? previous : undefined);
      if (value === undefined) continue;
      points.push({ start: grid.start + (position - 1) * grid.minutes * MINUTE, value });
      previous = value;
    }
    return { location, currency, sequence, day: marketDay(grid.start, ENTSOE_CLOCK), minutes: grid.minutes, points };
  });
}

// ---------------------------------------------------------------------------------------------
// Load and generation (GL_MarketDocument, generationloaddocument 3:0)

/**
 * ENTSO-E A65 total load of a bidding zone (`outBiddingZone_Domain`), in MW averaged over the interval
 * (`MAW`). Process type A16 (realised) is run ACTUAL; A01 (the TSO's day-ahead forecast) is run
 * FORECAST and the vintage of the document's `createdDateTime`. That is when ENTSO-E wrote the answer,
 * which is at or after the TSO issued the forecast: "the forecast as known then". Curve A01 lists
 * every position; A03 omits a position whose value equals the one before it.
 */
export const parseEntsoeLoad: Parser = (body, { source }) => {
  const doc = openDocument(body, source, 'GL_MarketDocument', 'A65', 'total load');
  const process = required(doc, 'process.processType', source);
  if (process !== 'A16' && process !== 'A01')
    throw new ParseError(source, `A65 process type ${process}: gridcell reads the actual load (A16) and the day-ahead forecast (A01)`);
  const issued = process === 'A01' ? readInstant(required(doc, 'createdDateTime', source), source, 'createdDateTime') : undefined;
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `TimeSeries ${i}`, product: LOAD_PRODUCT });
  asArray(doc.TimeSeries).forEach((series, i) => {
    const location = zoneNameOfEic(required(series, 'outBiddingZone_Domain.mRID', source));
    for (const q of seriesQuantities(series, location, source, () => false)) {
      guard.check(location, q.start, i + 1);
      const point = { location, product: LOAD_PRODUCT, start: q.start, end: q.end, value: q.value };
      if (issued === undefined) points.push({ ...point, run: 'ACTUAL' });
      else pushForecast(points, point, issued);
    }
  });
  if (!points.length) throw new GridError('NOT_PUBLISHED', `${source}: ENTSO-E sent no total load for this zone and period yet.`);
  return { points };
};

/**
 * ENTSO-E A75 actual generation per production type (process A16), MW averaged over the interval, one
 * TimeSeries per `psrType` (`entsoe-psr.ts`), summed per fuel. A series in `inBiddingZone_Domain` is
 * generation; one in `outBiddingZone_Domain` (pumped storage, storage) is consumption, stored as
 * negative generation of the same fuel so that GEN_PUMPED_STORAGE is the plant's net output (negative
 * while pumping). An unknown production type is a ParseError.
 *
 * Curve A03 omits a position whose value equals the one before it, so an omitted position repeats the
 * last value, except where the same production type's other direction gives a value at that instant:
 * the platform's older A01 answers show that a pumped-storage plant's generation and pumping series then
 * take turns (each has no point while the other runs), and the A03 answers drop those points alike.
 */
export const parseEntsoeGeneration: Parser = (body, { source }) => {
  const doc = openDocument(body, source, 'GL_MarketDocument', 'A75', 'generation per production type');
  const process = required(doc, 'process.processType', source);
  if (process !== 'A16') throw new ParseError(source, `A75 process type ${process}: gridcell reads the realised generation (A16)`);
  const all = asArray(doc.TimeSeries).map((series, i) => {
    const psr = isObject(series.MktPSRType) ? text(series.MktPSRType, 'psrType') : undefined;
    if (!psr) throw new ParseError(source, `TimeSeries ${i + 1} has no "MktPSRType/psrType"`);
    const inZone = text(series, 'inBiddingZone_Domain.mRID');
    const outZone = text(series, 'outBiddingZone_Domain.mRID');
    if ((inZone === undefined) === (outZone === undefined))
      throw new ParseError(source, `TimeSeries ${i + 1} (${psr}) must name exactly one of inBiddingZone_Domain and outBiddingZone_Domain`);
    const location = zoneNameOfEic((inZone ?? outZone)!);
    return { series, psr, location, consumption: outZone !== undefined, index: i + 1 };
  });
  // Every series' Periods, read once: the instants below and the quantities after use the same reading.
  const read = all.map((s) => ({ ...s, periods: readQuantityPeriods(s.series, s.location, source) }));
  // Instants each (zone, production type, direction) gives explicitly, for the A03 rule above.
  const explicit = new Map<string, Set<number>>();
  const keyOf = (s: (typeof all)[number], consumption: boolean): string => `${s.location}|${s.psr}|${consumption ? 'out' : 'in'}`;
  for (const s of read) {
    const set = explicit.get(keyOf(s, s.consumption)) ?? new Set<number>();
    for (const instant of explicitInstants(s.periods)) set.add(instant);
    explicit.set(keyOf(s, s.consumption), set);
  }
  const tally = new FuelTally(source, ENTSOE_PSR_FUELS);
  const seen = new Set<string>();
  for (const s of read) {
    const other = explicit.get(keyOf(s, !s.consumption));
    for (const q of seriesQuantities(s.series, s.location, source, (start) => other?.has(start) ?? false, s.periods)) {
      const key = `${keyOf(s, s.consumption)}|${q.start}`;
      if (seen.has(key))
        throw new ParseError(
          source,
          `TimeSeries ${s.index} repeats ${s.psr} ${s.consumption ? 'consumption' : 'generation'} of ${s.location} at ${new Date(q.start).toISOString()}`,
        );
      seen.add(key);
      tally.add(s.location, 'ACTUAL', s.psr, q.start, q.end, s.consumption ? -q.value : q.value);
    }
  }
  const points = tally.points();
  if (!points.length)
    throw new GridError('NOT_PUBLISHED', `${source}: ENTSO-E sent no generation per production type for this zone and period yet.`);
  return { points };
};

/**
 * The values of a quantity series (MAW), filled as its curve type says: an omitted position of an A03
 * curve repeats the value before it unless `stops` says another series gives that instant. `periods`
 * is the series' Periods as `readQuantityPeriods` read them already; without it they are read here.
 */
function seriesQuantities(
  series: JsonObject,
  location: string,
  source: string,
  stops: (start: number) => boolean,
  periods?: QuantityPeriod[],
): { start: number; end: number; value: number }[] {
  const unit = required(series, 'quantity_Measure_Unit.name', source);
  if (unit.toUpperCase() !== 'MAW') throw new ParseError(source, `expected "quantity_Measure_Unit.name" MAW (MW), got ${unit}`);
  const forwardFill = (text(series, 'curveType') ?? 'A01') === 'A03';
  // Reading a Period only throws, and an empty list reads nothing, so reading before the check below
  // raises the same first error as reading each Period in turn after it.
  const read = periods ?? readQuantityPeriods(series, location, source);
  if (!read.length) throw new ParseError(source, `TimeSeries for ${location} has no "Period"`);
  const out: { start: number; end: number; value: number }[] = [];
  for (const { grid, values } of read) {
    let previous: number | undefined;
    for (let position = 1; position <= grid.slots; position++) {
      const start = grid.start + (position - 1) * grid.minutes * MINUTE;
      let value = values.get(position);
      if (value === undefined && forwardFill && previous !== undefined && !stops(start)) value = previous;
      previous = value;
      if (value !== undefined) out.push({ start, end: start + grid.minutes * MINUTE, value });
    }
  }
  return out;
}

/** A quantity series' Period, read: its grid and the value at each position it lists. */
interface QuantityPeriod {
  grid: PeriodGrid;
  values: Map<number, number>;
}

/** Every Period of a quantity series, read in order (the first bad Period raises). */
function readQuantityPeriods(series: JsonObject, location: string, source: string): QuantityPeriod[] {
  return asArray(series.Period).map((period) => {
    const grid = readPeriod(period, location, source);
    return { grid, values: positionValues(period, grid.slots, 'quantity', source) };
  });
}

/** The instants a series' Periods give a value for. */
function explicitInstants(periods: QuantityPeriod[]): number[] {
  return periods.flatMap(({ grid, values }) => [...values.keys()].map((p) => grid.start + (p - 1) * grid.minutes * MINUTE));
}

// ---------------------------------------------------------------------------------------------
// Shared by every document

/** The document's root, checked: not HTML, not an acknowledgement, the expected root and `type`. */
function openDocument(body: Buffer, source: string, root: string, type: string, what: string): JsonObject {
  // An HTML error page declares a doctype, which the XML reader would refuse as unsafe instead.
  refuseHtml(headText(body, 512), source, 'an ENTSO-E XML document');
  const doc = parseXml(body, source, ['TimeSeries', 'Period', 'Point', 'Reason']);
  if (isObject(doc.Acknowledgement_MarketDocument)) throw acknowledgementError(doc.Acknowledgement_MarketDocument, source, what);
  const document = doc[root];
  if (!isObject(document)) throw new ParseError(source, `not an ENTSO-E ${what} document (no ${root} element)`);
  if (text(document, 'type') !== type)
    throw new ParseError(source, `expected document "type" ${type} (${what}), got ${text(document, 'type') ?? 'none'}`);
  return document;
}

function readPeriod(period: JsonObject, location: string, source: string): PeriodGrid {
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
  return { start, minutes, slots };
}

function positionValues(period: JsonObject, slots: number, field: 'price.amount' | 'quantity', source: string): Map<number, number> {
  const values = new Map<number, number>();
  for (const point of asArray(period.Point)) {
    const position = readWholeNumber(required(point, 'position', source), source, 'Point "position"');
    const amount = readNumber(required(point, field, source), source, `"${field}" at position ${position}`);
    if (position < 1 || position > slots)
      throw new ParseError(source, `Point "position" ${position} lies outside its Period (1..${slots})`);
    if (amount === undefined) throw new ParseError(source, `"${field}" at position ${position} is empty`);
    if (values.has(position)) throw new ParseError(source, `position ${position} appears twice in one Period`);
    values.set(position, amount);
  }
  return values;
}

function acknowledgementError(ack: JsonObject, source: string, what: string): GridError {
  const reasons = asArray(ack.Reason).map((r) => `${text(r, 'code') ?? '?'} ${text(r, 'text') ?? ''}`.trim());
  const said = reasons.join('; ') || 'no reason given';
  if (/no matching data/i.test(said))
    return new GridError('NOT_PUBLISHED', `ENTSO-E has no ${what} for that zone and period (yet): ${said}`);
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
