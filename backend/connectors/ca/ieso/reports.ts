import { AS_PREFIX, GEN_PREFIX, LOAD_PRODUCT, PRICE_COMPONENTS } from '../../../../contract';
import { calendarYear } from '../../../time/periods';
import type { HttpGet } from '../../../http/types';
import { daysBetween } from '../../../time/clock';
import type { LocationInfo, Period } from '../../../domain';
import type { Report, RequestContext } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { isNotPublished } from '../../shared/not-published';
import { iesoMarket, LAST_HOEP_DAY, MARKET_RENEWAL_DAY } from './market';
import {
  adequacyParser,
  parseDayAheadIntertie,
  parseDayAheadZonal,
  parseDemandYear,
  parseGenOutputByFuel,
  parseHoepDay,
  parseHoepYear,
  parseRealTimeZonal,
} from './parse';
import {
  adequacyRequest,
  dayAheadIntertieRequest,
  dayAheadZonalRequest,
  demandYearRequest,
  genOutputByFuelRequest,
  hoepDayRequest,
  hoepYearRequest,
  realTimeZonalRequest,
} from './requests';

const ZONAL_PRODUCTS: string[] = [...PRICE_COMPONENTS];

/**
 * The 24 hourly files of one day, in order. The current day is published hour by hour, so a
 * missing later hour ends the day early instead of failing it; a missing first hour is an error.
 */
async function realTimeDay(ctx: RequestContext, get: HttpGet): Promise<Buffer[]> {
  const bodies: Buffer[] = [];
  for (let hour = 1; hour <= 24; hour++) {
    try {
      bodies.push((await get(realTimeZonalRequest(ctx, hour))).body);
    } catch (e) {
      if (bodies.length && isNotPublished(e)) break;
      throw e;
    }
  }
  return bodies;
}

function hoepYear(day: string): Period {
  const year = day.slice(0, 4);
  const last = `${year}-12-31` < LAST_HOEP_DAY ? `${year}-12-31` : LAST_HOEP_DAY;
  return { key: year, days: daysBetween(`${year}-01-01`, last) };
}

const isOntario = (location: LocationInfo) => location.name === 'ONTARIO';
/** Market Demand (with exports): a location of the Demand report only. */
const isMarketDemand = (location: LocationInfo) => location.name === 'MARKET';

/**
 * An XML report of the renewed market (from Market Renewal on), recognized by its docID. IESO
 * publishes one file per market day (per hour for real-time), every zone or intertie in it: no limits.
 */
function renewalReport(
  docID: string,
  report: Pick<Report, 'id' | 'description' | 'runs' | 'serves' | 'request' | 'fetch' | 'parse'>,
): Report {
  return {
    products: ZONAL_PRODUCTS,
    scope: 'market',
    validFrom: MARKET_RENEWAL_DAY,
    detect: (file) => file.head.includes(`docID="${docID}"`),
    ...report,
  };
}

/** A HOEP file of the market before Market Renewal: Ontario's real-time price (a year file, or one file per day: no limits). */
function hoepReport(report: Pick<Report, 'id' | 'description' | 'products' | 'periodOf' | 'request' | 'parse' | 'detect'>): Report {
  return { runs: ['RT'], scope: 'market', serves: isOntario, validUntil: LAST_HOEP_DAY, ...report };
}

export const dayAheadZonal = renewalReport('DAHourlyOntarioZonalPrice', {
  id: 'ieso.da_ontario_zonal',
  description: 'Day-Ahead Hourly Ontario Zonal Energy Price (DAHourlyOntarioZonalPrice XML)',
  runs: ['DA'],
  serves: isOntario,
  request: dayAheadZonalRequest,
  parse: parseDayAheadZonal,
});

export const realTimeZonal = renewalReport('RealtimeOntarioZonalPrice', {
  id: 'ieso.rt_ontario_zonal',
  description: 'Real-Time 5-Min Ontario Zonal Energy Price (RealtimeOntarioZonalPrice XML, one file per hour; layouts r1 and r2)',
  runs: ['RT'],
  serves: isOntario,
  fetch: realTimeDay,
  parse: parseRealTimeZonal,
});

export const dayAheadIntertie = renewalReport('DAHourlyIntertieLMP', {
  id: 'ieso.da_intertie_lmp',
  description: 'Day-Ahead Hourly Intertie LMP (DAHourlyIntertieLMP XML), one price per intertie pricing location',
  runs: ['DA'],
  serves: (location) => !isOntario(location) && !isMarketDemand(location),
  request: dayAheadIntertieRequest,
  parse: parseDayAheadIntertie,
});

export const hoepYearly = hoepReport({
  id: 'ieso.hoep_year',
  description: 'Yearly HOEP, hour-1 predispatch and operating reserve prices (PriceHOEPPredispOR CSV), until Market Renewal',
  products: ['LMP', 'PREDISPATCH', 'OR10S', 'OR10N', 'OR30', ...productsOf(iesoMarket, AS_PREFIX)],
  periodOf: hoepYear,
  request: hoepYearRequest,
  parse: parseHoepYear,
  detect: (file) => /^\\\\.*HOEP/m.test(file.head) && /^Date,Hour,HOEP/m.test(file.head),
});

export const hoepDaily = hoepReport({
  id: 'ieso.hoep_daily',
  description: 'Daily Hourly Ontario Energy Price (DispUnconsHOEP CSV), until Market Renewal',
  products: ['LMP'],
  request: hoepDayRequest,
  parse: parseHoepDay,
  detect: (file) => /^PM,\d{8},/.test(file.head) && /^RTEM_HOEP;/m.test(file.head),
});

export const demandYearly: Report = {
  id: 'ieso.demand_year',
  description: 'Yearly hourly demand (Demand CSV): Ontario Demand (ONTARIO) and Market Demand with exports (MARKET)',
  runs: ['ACTUAL'],
  products: [LOAD_PRODUCT],
  scope: 'market',
  serves: (location) => isOntario(location) || isMarketDemand(location),
  // The current year's file grows by a day each morning.
  provisional: true,
  periodOf: calendarYear,
  request: demandYearRequest,
  parse: parseDemandYear,
  detect: (file) => /^Date,Hour,Market Demand,Ontario Demand/m.test(file.head),
};

export const genOutputByFuelYearly: Report = {
  id: 'ieso.gen_output_by_fuel_year',
  description: 'Yearly hourly generator output by fuel type (GenOutputbyFuelHourly XML), Ontario-wide',
  runs: ['ACTUAL'],
  products: productsOf(iesoMarket, GEN_PREFIX),
  scope: 'market',
  serves: isOntario,
  provisional: true,
  periodOf: calendarYear,
  request: genOutputByFuelRequest,
  parse: parseGenOutputByFuel,
  detect: (file) => file.head.includes('docID="GenOutputbyFuelHourly"'),
};

/** The Adequacy report's Ontario Demand forecast, one file per delivery day (no limits); re-issued during the day. */
function adequacyReport(docID: 'Adequacy2' | 'Adequacy3', report: Pick<Report, 'id' | 'description' | 'validFrom' | 'validUntil'>): Report {
  return {
    runs: ['FORECAST'],
    products: [LOAD_PRODUCT],
    scope: 'market',
    serves: isOntario,
    provisional: true,
    request: adequacyRequest(docID),
    parse: adequacyParser(docID),
    detect: (file) => file.head.includes(`docID="${docID}"`),
    ...report,
  };
}

export const adequacy3 = adequacyReport('Adequacy3', {
  id: 'ieso.adequacy3',
  description: 'Adequacy report (Adequacy3 XML): hourly Ontario Demand forecast of a delivery day, from Market Renewal',
  validFrom: MARKET_RENEWAL_DAY,
});

export const adequacy2 = adequacyReport('Adequacy2', {
  id: 'ieso.adequacy2',
  description: 'Adequacy report (Adequacy2 XML, legacy): hourly Ontario Demand forecast of a delivery day, until Market Renewal',
  validUntil: LAST_HOEP_DAY,
});

/**
 * Zonal reports before the intertie one: for the ONTARIO location the zonal price is the answer.
 * The yearly HOEP file comes before the daily one: one request covers a whole past year (with the
 * predispatch and reserve prices), and a year file not published yet hands over to the daily file.
 */
export const iesoReports: Report[] = [
  dayAheadZonal,
  realTimeZonal,
  hoepYearly,
  hoepDaily,
  dayAheadIntertie,
  demandYearly,
  genOutputByFuelYearly,
  adequacy3,
  adequacy2,
];
