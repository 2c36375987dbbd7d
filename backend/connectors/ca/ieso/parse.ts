import { LOAD_PRODUCT } from '../../../../contract';
import { type LocationInfo, type ParsedPoint, type ParseResult, ParseError } from '../../../domain';
import { eachCsvRecord, eachCsvRow, type CsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { parseXml } from '../../../formats/xml';
import type { Parser } from '../../types';
import { readDateTime, readDay, zonedOf } from '../../shared/dates';
import { FuelTally, pushForecast, serviceProduct } from '../../shared/fundamentals';
import { hourEndingInterval } from '../../shared/hour-ending';
import { refuseHtml } from '../../shared/markup';
import { readNumber, readWholeNumber } from '../../shared/numbers';
import { energyOf, pushProducts, round6, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { iesoMarket, OR_SERVICES, type OrColumn } from './market';

const ONTARIO = 'ONTARIO';
/** Market Demand (Ontario Demand plus exports), as its own location. */
const MARKET = 'MARKET';
const FIVE_MINUTES_MS = 300_000;

type XmlNode = Record<string, unknown>;

/** The `<Document>` of an IESO report, after checking it says it is the report we expect. */
function document(body: Buffer, source: string, docID: string, arrays: string[]): XmlNode {
  const text = decodeText(body);
  refuseHtml(text, source, `an IESO ${docID} report`);
  const doc = parseXml(text, source, arrays).Document as XmlNode | undefined;
  if (!doc || typeof doc !== 'object') throw new ParseError(source, `no <Document> element; not an IESO ${docID} report`);
  if (doc['@_docID'] !== docID) throw new ParseError(source, `the document is "${String(doc['@_docID'])}", expected IESO ${docID}`);
  return doc;
}

/** The `DocBody` of an IESO report, after checking the document says it is the report we expect. */
function docBody(body: Buffer, source: string, docID: string, arrays: string[]): XmlNode {
  return bodyOf(document(body, source, docID, arrays), source);
}

function bodyOf(doc: XmlNode, source: string): XmlNode {
  const docBodyNode = doc.DocBody as XmlNode | undefined;
  if (!docBodyNode || typeof docBodyNode !== 'object') throw new ParseError(source, 'missing element "DocBody"');
  return docBodyNode;
}

/** A child element that must be an element (not text, not empty). */
function element(node: XmlNode, name: string, source: string, where: string): XmlNode {
  const value = child(node, name, source, where);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ParseError(source, `${where}: "${name}" is not an element`);
  return value as XmlNode;
}

/** A child element that must be present (it may be empty); a renamed element is named in the error. */
function child(node: XmlNode, name: string, source: string, where: string): unknown {
  if (!(name in node)) throw new ParseError(source, `${where}: missing element "${name}"`);
  return node[name];
}

function list(node: XmlNode, name: string, source: string, where: string): XmlNode[] {
  const value = child(node, name, source, where);
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

function deliveryDate(node: XmlNode, source: string): string {
  return readDay(String(child(node, 'DeliveryDate', source, 'DocBody')), source, 'DeliveryDate');
}

function hourInterval(day: string, hourEnding: number, source: string, where: string): { start: number; end: number } {
  return hourEndingInterval(iesoMarket.clock, day, hourEnding, false, source, where);
}

/** `PUB_DAHourlyOntarioZonalPrice_YYYYMMDD.xml`: 24 `HourlyPriceComponents`, hour ending EST. */
export const parseDayAheadZonal: Parser = (body, { source }) => {
  const doc = docBody(body, source, 'DAHourlyOntarioZonalPrice', ['HourlyPriceComponents']);
  const day = deliveryDate(doc, source);
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `HourlyPriceComponents[${i}]` });
  for (const [i, row] of list(doc, 'HourlyPriceComponents', source, 'DocBody').entries()) {
    const where = `HourlyPriceComponents[${i}]`;
    const hour = readWholeNumber(child(row, 'PricingHour', source, where), source, `${where}.PricingHour`);
    const price = readNumber(child(row, 'ZonalPrice', source, where), source, `${where}.ZonalPrice`);
    const loss = readNumber(child(row, 'LossPriceCapped', source, where), source, `${where}.LossPriceCapped`);
    const congestion = readNumber(child(row, 'CongestionPriceCapped', source, where), source, `${where}.CongestionPriceCapped`);
    const interval = hourInterval(day, hour, source, where);
    guard.check(ONTARIO, interval.start, i);
    pushZonal(points, { location: ONTARIO, run: 'DA', ...interval }, price, loss, congestion);
  }
  return { points };
};

/** The zonal price and its components; energy is what remains of the price (LMP = ENERGY + CONGESTION + LOSS). */
function pushZonal(
  points: ParsedPoint[],
  base: Omit<ParsedPoint, 'product' | 'value'>,
  price?: number,
  loss?: number,
  congestion?: number,
): void {
  pushProducts(points, base, { LMP: price, ENERGY: energyOf(price, congestion, loss), CONGESTION: congestion, LOSS: loss });
}

/**
 * `PUB_RealtimeOntarioZonalPrice_YYYYMMDDHH.xml`: one delivery hour (hour ending, EST all year) of
 * twelve 5-minute intervals. IESO has published it in two layouts since Market Renewal; the file
 * name is the same, so the layout is read from the content (r2 first, the current one):
 * - r2: `DeliveryDate`, `DeliveryHour`, twelve `ZonalPrice` (`Interval`, `LmpCap`, `LossPriceCap`, `CongPriceCap`);
 * - r1: `DeliveryDate` written `For YYYY-MM-DD - Hour H`, and one `RealTimePriceComponents` per
 *   component (its name in `OntarioZonalPrice`: the zonal price, the loss price, the congestion
 *   price), each with `OntarioZonalPriceInterval1..12` holding `Interval1..12`.
 * Slots not yet priced are empty and give no point.
 */
export const parseRealTimeZonal: Parser = (body, { source }) => {
  const doc = docBody(body, source, 'RealtimeOntarioZonalPrice', ['ZonalPrice', 'RealTimePriceComponents']);
  if ('ZonalPrice' in doc) return realTimeZonalR2(doc, source);
  if ('RealTimePriceComponents' in doc) return realTimeZonalR1(doc, source);
  throw new ParseError(
    source,
    'DocBody has neither "ZonalPrice" (layout r2) nor "RealTimePriceComponents" (layout r1) elements; IESO may have changed the report layout',
  );
};

/** The twelve 5-minute intervals of a delivery hour, as points. */
function pushInterval(
  points: ParsedPoint[],
  guard: RowGuard,
  hourStart: number,
  interval: number,
  where: string,
  source: string,
  values: { price?: number; loss?: number; congestion?: number },
): void {
  if (!Number.isInteger(interval) || interval < 1 || interval > 12)
    throw new ParseError(source, `${where}: interval ${interval} is not 1..12`);
  const start = hourStart + (interval - 1) * FIVE_MINUTES_MS;
  guard.check(ONTARIO, start, interval);
  pushZonal(points, { location: ONTARIO, run: 'RT', start, end: start + FIVE_MINUTES_MS }, values.price, values.loss, values.congestion);
}

function realTimeZonalR2(doc: XmlNode, source: string): ParseResult {
  const day = deliveryDate(doc, source);
  const hour = readWholeNumber(child(doc, 'DeliveryHour', source, 'DocBody'), source, 'DeliveryHour');
  const hourStart = hourInterval(day, hour, source, 'DeliveryHour').start;
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `ZonalPrice with Interval ${i}` });
  for (const [i, row] of list(doc, 'ZonalPrice', source, 'DocBody').entries()) {
    const where = `ZonalPrice[${i}]`;
    const interval = readWholeNumber(child(row, 'Interval', source, where), source, `${where}.Interval`);
    pushInterval(points, guard, hourStart, interval, where, source, {
      price: readNumber(child(row, 'LmpCap', source, where), source, `${where}.LmpCap`),
      loss: readNumber(child(row, 'LossPriceCap', source, where), source, `${where}.LossPriceCap`),
      congestion: readNumber(child(row, 'CongPriceCap', source, where), source, `${where}.CongPriceCap`),
    });
  }
  return { points };
}

/** Which price an r1 `RealTimePriceComponents` block holds, from its `OntarioZonalPrice` name. */
function r1Component(name: string, source: string, where: string): 'price' | 'loss' | 'congestion' {
  if (/loss/i.test(name)) return 'loss';
  if (/congestion/i.test(name)) return 'congestion';
  if (/zonal price/i.test(name)) return 'price';
  throw new ParseError(source, `${where}: unknown component "${name}" (expected the zonal price, a loss price or a congestion price)`);
}

function realTimeZonalR1(doc: XmlNode, source: string): ParseResult {
  const text = String(child(doc, 'DeliveryDate', source, 'DocBody')).trim();
  const m = /^For (\d{4}-\d{2}-\d{2}) - Hour (\d{1,2})$/.exec(text);
  if (!m) throw new ParseError(source, `DeliveryDate: "${text.slice(0, 40)}" is not "For YYYY-MM-DD - Hour H" (layout r1)`);
  const day = readDay(m[1], source, 'DeliveryDate');
  const hourStart = hourInterval(day, Number(m[2]), source, 'DeliveryDate').start;
  const byInterval = new Map<number, { price?: number; loss?: number; congestion?: number }>();
  const found = new Set<string>();
  for (const [i, block] of list(doc, 'RealTimePriceComponents', source, 'DocBody').entries()) {
    const where = `RealTimePriceComponents[${i}]`;
    const name = requiredText(child(block, 'OntarioZonalPrice', source, where), source, `${where}.OntarioZonalPrice`);
    const component = r1Component(name, source, where);
    if (found.has(component)) throw new ParseError(source, `${where}: a second ${component} block ("${name}")`);
    found.add(component);
    for (let n = 1; n <= 12; n++) {
      const slot = child(block, `OntarioZonalPriceInterval${n}`, source, where);
      const at = `${where}.OntarioZonalPriceInterval${n}`;
      const value = readNumber(slot && typeof slot === 'object' ? child(slot as XmlNode, `Interval${n}`, source, at) : slot, source, at);
      byInterval.set(n, { ...byInterval.get(n), [component]: value });
    }
  }
  if (!found.has('price')) throw new ParseError(source, 'no RealTimePriceComponents block named "Zonal Price" (layout r1)');
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `interval ${i}` });
  for (const [interval, values] of byInterval) pushInterval(points, guard, hourStart, interval, `interval ${interval}`, source, values);
  return { points };
}

/** Intertie LMP components as the report names them; the congestion-like ones add up to CONGESTION. */
const INTERTIE_COMPONENTS = {
  lmp: 'Intertie LMP',
  loss: 'Energy Loss Price',
  congestion: 'Energy Congestion Price',
  external: 'External Congestion Price',
  nisl: 'Net Interchange Scheduling Limit (NISL) Price',
} as const;

/**
 * `PUB_DAHourlyIntertieLMP_YYYYMMDD.xml`: per intertie pricing location (`IntertiePLName`), one
 * `Components` block per price component with 24 `HourlyLMP`. The intertie LMP also carries external
 * congestion and the NISL price; both count as CONGESTION so that LMP = ENERGY + CONGESTION + LOSS.
 */
export const parseDayAheadIntertie: Parser = (body, { source }) => {
  const doc = docBody(body, source, 'DAHourlyIntertieLMP', ['IntertieLMPrice', 'Components', 'HourlyLMP']);
  const day = deliveryDate(doc, source);
  const points: ParsedPoint[] = [];
  const locations: LocationInfo[] = [];
  const guard = new RowGuard(source, { where: (i) => `IntertieLMPrice[${i}]` });
  for (const [i, intertie] of list(doc, 'IntertieLMPrice', source, 'DocBody').entries()) {
    const where = `IntertieLMPrice[${i}]`;
    const fullName = requiredText(child(intertie, 'IntertiePLName', source, where), source, `${where}.IntertiePLName`);
    const name = fullName.replace(/:LMP$/i, '');
    locations.push({ name, type: 'INTERFACE', aliases: fullName === name ? [] : [fullName] });
    const byComponent = new Map<string, Map<number, number | undefined>>();
    for (const [j, component] of list(intertie, 'Components', source, where).entries()) {
      const at = `${where}.Components[${j}]`;
      const hours = new Map<number, number | undefined>();
      for (const hourly of list(component, 'HourlyLMP', source, at)) {
        const hour = readWholeNumber(child(hourly, 'DeliveryHour', source, at), source, `${at}.DeliveryHour`);
        if (hours.has(hour)) throw new ParseError(source, `${at}: DeliveryHour ${hour} appears twice`);
        hours.set(hour, readNumber(child(hourly, 'LMP', source, at), source, `${at}.LMP`));
      }
      byComponent.set(String(child(component, 'LMPComponent', source, at)).trim(), hours);
    }
    for (const required of [INTERTIE_COMPONENTS.lmp, INTERTIE_COMPONENTS.loss, INTERTIE_COMPONENTS.congestion]) {
      if (!byComponent.has(required)) throw new ParseError(source, `${where} (${fullName}): missing component "${required}"`);
    }
    const value = (component: string, hour: number) => byComponent.get(component)?.get(hour);
    for (const hour of byComponent.get(INTERTIE_COMPONENTS.lmp)!.keys()) {
      const lmp = value(INTERTIE_COMPONENTS.lmp, hour);
      const loss = value(INTERTIE_COMPONENTS.loss, hour);
      const parts = [INTERTIE_COMPONENTS.congestion, INTERTIE_COMPONENTS.external, INTERTIE_COMPONENTS.nisl].map((c) =>
        byComponent.has(c) ? value(c, hour) : 0,
      );
      const congestion = parts.some((p) => p === undefined) ? undefined : round6(parts.reduce((a, b) => a! + b!, 0)!);
      const interval = hourInterval(day, hour, source, where);
      guard.check(name, interval.start, i);
      pushProducts(
        points,
        { location: name, run: 'DA', ...interval },
        {
          LMP: lmp,
          ENERGY: energyOf(lmp, congestion, loss),
          CONGESTION: congestion,
          LOSS: loss,
        },
      );
    }
  }
  return { points, locations };
};

const HOEP_COLUMNS = {
  date: ['Date'],
  hour: ['Hour'],
  hoep: ['HOEP'],
  predispatch: ['Hour 1 Predispatch'],
  or10s: ['OR 10 Min Sync'],
  or10n: ['OR 10 Min non-sync'],
  or30: ['OR 30 Min'],
};

const HOEP_OPTIONAL: (keyof typeof HOEP_COLUMNS)[] = ['predispatch', 'or10s', 'or10n', 'or30'];

/** The product of each reserve class under the ancillary-service vocabulary: `AS_SPIN`, `AS_NONSPIN`, `AS_RES30`. */
const OR_SERVICE_PRODUCTS = Object.fromEntries(
  Object.entries(OR_SERVICES).map(([column, service]) => [column, serviceProduct(service)]),
) as Record<OrColumn, string>;

/** Preamble lines start with `\\`; the header is the first row after them. */
const isHoepHeader = (row: CsvRow) => !(row[0] ?? '').startsWith('\\') && !row.every((c) => c === '');

/**
 * `PUB_PriceHOEPPredispOR_YYYY.csv`: `\\`-prefixed preamble lines, then one row per EST hour ending.
 * The predispatch and operating-reserve columns are read where the file has them.
 */
export const parseHoepYear: Parser = (body, { source }) => {
  const text = decodeText(body);
  refuseHtml(text, source, 'a PriceHOEPPredispOR CSV');
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source);
  const layout = { columns: HOEP_COLUMNS, optional: HOEP_OPTIONAL, isHeader: isHoepHeader, expected: 'a PriceHOEPPredispOR file' };
  eachCsvRecord(text, source, layout, (row, col, line) => {
    const where = `line ${line}`;
    const day = readDay(row[col.date] ?? '', source, where);
    const hour = readWholeNumber(row[col.hour], source, `${where} Hour`);
    const cell = (i: number) => (i >= 0 ? readNumber(row[i], source, where) : undefined);
    const interval = hourInterval(day, hour, source, where);
    guard.check(ONTARIO, interval.start, line);
    // Each cell read once, in the order of the products below, so the first bad cell is the one named.
    const hoep = cell(col.hoep);
    const predispatch = cell(col.predispatch);
    const or10s = cell(col.or10s);
    const or10n = cell(col.or10n);
    const or30 = cell(col.or30);
    pushProducts(
      points,
      { location: ONTARIO, run: 'RT', ...interval },
      {
        LMP: hoep,
        PREDISPATCH: predispatch,
        OR10S: or10s,
        OR10N: or10n,
        OR30: or30,
        // The same reserve prices under the ancillary-service vocabulary (OR_SERVICES).
        [OR_SERVICE_PRODUCTS.or10s]: or10s,
        [OR_SERVICE_PRODUCTS.or10n]: or10n,
        [OR_SERVICE_PRODUCTS.or30]: or30,
      },
    );
  });
  return { points };
};

/** The section marker that opens the hourly rows of a DispUnconsHOEP file. */
const HOEP_DAY_SECTION = 'RTEM_HOEP';

/** The market day of a DispUnconsHOEP file, from its first line `PM,YYYYMMDD,...`. */
function hoepFileDay(row: string[], source: string): string {
  const m = row[0] === 'PM' ? /^(\d{4})(\d{2})(\d{2})$/.exec(row[1] ?? '') : null;
  if (!m) throw new ParseError(source, 'line 1: missing the "PM,YYYYMMDD" date line; not a DispUnconsHOEP file');
  return readDay(`${m[1]}-${m[2]}-${m[3]}`, source, 'line 1');
}

/**
 * `PUB_DispUnconsHOEP_YYYYMMDD.csv` has no header row: a `PM,YYYYMMDD,,NORMAL,DISPATCH;` line
 * giving the day, a `RTEM_HOEP;` section line, a `\\CREATED AT ...` line, then one row per EST hour
 * ending: ` 1 ,22.03,DSO-RD;` (hour, HOEP, a source flag that is not read but must be there).
 */
export const parseHoepDay: Parser = (body, { source }) => {
  const text = decodeText(body);
  refuseHtml(text, source, 'a DispUnconsHOEP CSV');
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source);
  let day: string | undefined;
  let inSection = false;
  eachCsvRow(text, source, (row, line) => {
    const first = (row[0] ?? '').replace(/;$/, '');
    if (line === 1) {
      day = hoepFileDay(row, source);
      return;
    }
    if (first.startsWith('\\') || row.every((c) => c === '')) return;
    if (first === HOEP_DAY_SECTION) {
      inSection = true;
      return;
    }
    if (!inSection)
      throw new ParseError(source, `line ${line}: missing the "${HOEP_DAY_SECTION}" section line (got "${row.join(',').slice(0, 40)}")`);
    // The source flag closes every hour's row: a row without it was cut short.
    if (row.length < 3)
      throw new ParseError(
        source,
        `line ${line} has ${row.length} of the 3 fields of an hour (hour, HOEP, source flag): the row is cut short`,
      );
    const hour = readWholeNumber(first, source, `line ${line} hour`);
    const interval = hourInterval(day!, hour, source, `line ${line}`);
    guard.check(ONTARIO, interval.start, line);
    pushProducts(
      points,
      { location: ONTARIO, run: 'RT', ...interval },
      {
        LMP: readNumber(row[1], source, `line ${line} HOEP`),
      },
    );
  });
  if (!day) throw new ParseError(source, 'empty file; not a DispUnconsHOEP file');
  if (!inSection) throw new ParseError(source, `missing the "${HOEP_DAY_SECTION}" section line; not a DispUnconsHOEP file`);
  return { points };
};

const DEMAND_COLUMNS = { date: ['Date'], hour: ['Hour'], market: ['Market Demand'], ontario: ['Ontario Demand'] };

/**
 * `PUB_Demand_YYYY.csv`: three `\\` preamble lines, then `Date,Hour,Market Demand,Ontario Demand`,
 * one row per hour ending (EST all year, so every day has 24). Ontario Demand is stored at ONTARIO,
 * Market Demand (with exports) at MARKET, both LOAD ACTUAL in MW. The current year's file grows by
 * a day each morning.
 */
export const parseDemandYear: Parser = (body, { source }) => {
  const text = decodeText(body);
  refuseHtml(text, source, 'an IESO Demand CSV');
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source);
  const layout = { columns: DEMAND_COLUMNS, isHeader: isHoepHeader, expected: 'an IESO Demand file' };
  eachCsvRecord(text, source, layout, (row, col, line) => {
    const where = `line ${line}`;
    const day = readDay(row[col.date] ?? '', source, where);
    const hour = readWholeNumber(row[col.hour], source, `${where} Hour`);
    const interval = hourInterval(day, hour, source, where);
    guard.check(ONTARIO, interval.start, line);
    const base = { run: 'ACTUAL', product: LOAD_PRODUCT, ...interval };
    const ontario = readNumber(row[col.ontario], source, `${where} Ontario Demand`);
    const market = readNumber(row[col.market], source, `${where} Market Demand`);
    if (ontario !== undefined) points.push({ ...base, location: ONTARIO, value: ontario });
    if (market !== undefined) points.push({ ...base, location: MARKET, value: market });
  });
  return { points };
};

/** `CreatedAt` of an IESO document header (EST, as every IESO time), as UTC ms. */
function createdAt(doc: XmlNode, source: string): number {
  const header = element(doc, 'DocHeader', source, 'Document');
  const t = readDateTime(String(child(header, 'CreatedAt', source, 'DocHeader')), source, 'DocHeader.CreatedAt');
  return zonedOf(t, iesoMarket.clock);
}

/**
 * The Adequacy report (`PUB_Adequacy2_YYYYMMDD.xml` until Market Renewal, `PUB_Adequacy3_...` after):
 * the Ontario Demand forecast of its delivery day in `ForecastDemand/OntarioDemand/ForecastOntDemand`,
 * 24 `Demand` {`DeliveryHour`, `EnergyMW`}, hour ending EST. Each value is stored as LOAD FORECAST at
 * ONTARIO and under the vintage of the report's `CreatedAt` (EST). Both revisions lay the demand
 * forecast out alike; the docID says which the file is.
 */
export function adequacyParser(docID: 'Adequacy2' | 'Adequacy3'): Parser {
  return (body, { source }) => {
    const doc = document(body, source, docID, ['Demand']);
    const issued = createdAt(doc, source);
    const docBodyNode = bodyOf(doc, source);
    const day = deliveryDate(docBodyNode, source);
    const forecast = element(
      element(element(docBodyNode, 'ForecastDemand', source, 'DocBody'), 'OntarioDemand', source, 'ForecastDemand'),
      'ForecastOntDemand',
      source,
      'OntarioDemand',
    );
    const points: ParsedPoint[] = [];
    const guard = new RowGuard(source, { where: (i) => `ForecastOntDemand.Demand[${i}]` });
    for (const [i, row] of list(forecast, 'Demand', source, 'ForecastOntDemand').entries()) {
      const where = `ForecastOntDemand.Demand[${i}]`;
      const hour = readWholeNumber(child(row, 'DeliveryHour', source, where), source, `${where}.DeliveryHour`);
      const mw = readNumber(child(row, 'EnergyMW', source, where), source, `${where}.EnergyMW`);
      const interval = hourInterval(day, hour, source, where);
      guard.check(ONTARIO, interval.start, i);
      if (mw !== undefined) pushForecast(points, { location: ONTARIO, product: LOAD_PRODUCT, ...interval, value: mw }, issued);
    }
    return { points };
  };
}

/**
 * `PUB_GenOutputbyFuelHourly_YYYY.xml`: `DailyData` (`Day`) of `HourlyData` (`Hour`, hour ending EST)
 * of `FuelTotal` {`Fuel`, `EnergyValue` {`OutputQuality`, `Output`}}, MW for the hour, Ontario-wide.
 * Fuels are NUCLEAR, GAS, HYDRO, WIND, SOLAR and BIOFUEL (BIOMASS); an unknown one is an error. An
 * `Output` that is absent or empty is missing. `OutputQuality` is 0 on most hours and -1 or -2 on
 * some; IESO publishes an output for those hours too, so it is kept as published (the flag is not stored).
 */
export const parseGenOutputByFuel: Parser = (body, { source }) => {
  const doc = docBody(body, source, 'GenOutputbyFuelHourly', ['DailyData', 'HourlyData', 'FuelTotal']);
  const tally = new FuelTally(source);
  const guard = new RowGuard(source, { where: (n) => `FuelTotal element ${n} of the document` });
  let seen = 0;
  for (const [d, daily] of list(doc, 'DailyData', source, 'DocBody').entries()) {
    const dayWhere = `DailyData[${d}]`;
    const day = readDay(String(child(daily, 'Day', source, dayWhere)), source, `${dayWhere}.Day`);
    for (const [h, hourly] of list(daily, 'HourlyData', source, dayWhere).entries()) {
      const hourWhere = `${dayWhere} (${day}).HourlyData[${h}]`;
      const hour = readWholeNumber(child(hourly, 'Hour', source, hourWhere), source, `${hourWhere}.Hour`);
      const interval = hourInterval(day, hour, source, hourWhere);
      for (const [f, total] of list(hourly, 'FuelTotal', source, hourWhere).entries()) {
        const where = `${hourWhere}.FuelTotal[${f}]`;
        const fuel = requiredText(child(total, 'Fuel', source, where), source, `${where}.Fuel`);
        // One row per fuel and hour: the same fuel twice in an hour would otherwise be summed.
        guard.check(fuel, interval.start, ++seen);
        const energy = child(total, 'EnergyValue', source, where);
        const output = energy && typeof energy === 'object' ? (energy as XmlNode).Output : undefined;
        const mw = readNumber(output, source, `${where}.EnergyValue.Output`);
        if (mw !== undefined) tally.add(ONTARIO, 'ACTUAL', fuel, interval.start, interval.end, mw);
      }
    }
  }
  return { points: tally.points() };
};
