/// <reference types="custom-functions-runtime" />
/**
 * The GRID custom functions. The JSDoc here is the only source of functions.json (written by
 * custom-functions-metadata-plugin, which also appends the CustomFunctions.associate calls).
 */
import { createBackendBatcher } from '../client';
import { asFunctionError, STAND_IN_RUNTIME, type CustomFunctionsRuntime } from './errors';
import { liveFormula, spilling } from './live';
import { ancillaryFormula, fuelMixFormula, loadFormula } from './fundamentals';
import { fxFormula, locationsFormula, marketsFormula } from './listings';
import { averageFormula, priceFormula } from './price';
import { qualityFormula } from './quality';
import { statusFormula } from './status';
import { stripFormula } from './strip';

const scope = globalThis as { CustomFunctions?: CustomFunctionsRuntime; gridcell?: Record<string, unknown> };
// Outside Excel the appended associate calls and the errors need a stand-in runtime.
scope.CustomFunctions ??= STAND_IN_RUNTIME;

const batcher = createBackendBatcher();

async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (thrown) {
    throw asFunctionError(thrown);
  }
}

/**
 * Market prices of one location: [interval start, price] rows for a day or a range, or the one price at a date-time.
 * @customfunction LMP
 * @helpurl https://localhost:3000/help.html#LMP
 * @param market Market, e.g. "PJM", "ERCOT", "EPEX", "NORDPOOL".
 * @param location Node, hub, zone or area as the market spells it, e.g. "WESTERN HUB".
 * @param start A date (market day) or a date-time (one value when there is no end).
 * @param [end] Last market day (included) or an end date-time (excluded).
 * @param [run] "DA" day-ahead, "RT" real-time (or RT5, RT15, RTH); the market's default if omitted.
 * @param [product] "LMP" (default), "ENERGY", "CONGESTION", "LOSS" or a market's own product.
 * @param [options] e.g. "tz=UTC; currency=EUR; interval=day; headers=1; columns=start,end,value,utc; fill=none; unit=MWh".
 * @returns Rows of [start, value]; dates are Excel serials on the chosen clock.
 */
export function lmp(
  market: string,
  location: string,
  start: any,
  end?: any,
  run?: string,
  product?: string,
  options?: string,
): Promise<any[][]> {
  return explained(() => priceFormula(batcher, { market, location, start, end, run, product, options }));
}

/**
 * Prices of one location (any product: power, gas, carbon): [interval start, price] rows, or one price at a date-time.
 * @customfunction PRICE
 * @helpurl https://localhost:3000/help.html#PRICE
 * @param market Market, e.g. "PJM", "GAS", "EUETS", "JEPX".
 * @param location Node, hub, zone or area as the market spells it.
 * @param start A date (market day) or a date-time (one value when there is no end).
 * @param [end] Last market day (included) or an end date-time (excluded).
 * @param [run] "DA", "RT", "RT5", "RT15" or "RTH"; the market's default if omitted.
 * @param [product] "LMP"/"PRICE", "ENERGY", "CONGESTION", "LOSS", "SPOT", "F1".."F4" ...
 * @param [options] e.g. "tz=UTC; currency=EUR; interval=day; headers=1".
 * @returns Rows of [start, value]; dates are Excel serials on the chosen clock.
 */
export function price(
  market: string,
  location: string,
  start: any,
  end?: any,
  run?: string,
  product?: string,
  options?: string,
): Promise<any[][]> {
  return explained(() => priceFormula(batcher, { market, location, start, end, run, product, options }));
}

/**
 * Load of a zone or area in MW: [interval start, MW] rows, or one value at a date-time. Actual, the operator's forecast (as issued by a time with "asof=...") or the day-ahead cleared load.
 * @customfunction LOAD
 * @helpurl https://localhost:3000/help.html#LOAD
 * @param market Market, e.g. "PJM", "ERCOT", "EPEX".
 * @param location Zone or area as the operator names it, e.g. "RTO", "SYSTEM TOTAL", "FR".
 * @param start A date (market day) or a date-time (one value when there is no end).
 * @param [end] Last market day (included) or an end date-time (excluded).
 * @param [run] "ACTUAL" (default), "FORECAST", "DA" (day-ahead cleared load), or "RTH" where a market has an hourly actual beside a five-minute one.
 * @param [options] e.g. "asof=2025-03-18T10:00; interval=day; tz=UTC; headers=1".
 * @returns Rows of [start, MW]; dates are Excel serials on the chosen clock.
 */
export function load(market: string, location: string, start: any, end?: any, run?: string, options?: string): Promise<any[][]> {
  return explained(() => loadFormula(batcher, { market, location, start, end, run, options }));
}

/**
 * Generation by fuel in MW: a header row [Start, fuel...] then one row per interval, one column per fuel with data.
 * @customfunction FUELMIX
 * @helpurl https://localhost:3000/help.html#FUELMIX
 * @param market Market, e.g. "ERCOT", "CAISO", "EPEX".
 * @param location The system or area, e.g. "ERCOT", "RTO", "FR".
 * @param start A date (market day) or a period such as "T-1" or "2026-07".
 * @param [end] Last market day (included) or an end date-time (excluded).
 * @param [options] e.g. "interval=hour; tz=UTC".
 * @returns A table: a header row, then [start, MW of each fuel] rows.
 */
export function fuelmix(market: string, location: string, start: any, end?: any, options?: string): Promise<any[][]> {
  return explained(() => fuelMixFormula(batcher, { market, location, start, end, options }));
}

/**
 * An ancillary service's clearing price: [interval start, price] rows, or one price at a date-time.
 * @customfunction AS
 * @helpurl https://localhost:3000/help.html#AS
 * @param market Market, e.g. "ERCOT", "MISO", "NYISO".
 * @param location Reserve zone or area, e.g. "ERCOT", "ZONE 1", "EAST".
 * @param service "REG_UP", "REG_DOWN", "REG", "SPIN", "NONSPIN", "SUPP", "RES30", "RAMP_UP", "RAMP_DOWN", "STR" or "ECRS".
 * @param start A date (market day) or a date-time (one value when there is no end).
 * @param [end] Last market day (included) or an end date-time (excluded).
 * @param [run] "DA" (default) or the market's real-time run ("RT", "RT5" ...).
 * @param [options] e.g. "tz=UTC; interval=day; currency=EUR; headers=1".
 * @returns Rows of [start, price]; dates are Excel serials on the chosen clock.
 */
export function as(
  market: string,
  location: string,
  service: string,
  start: any,
  end?: any,
  run?: string,
  options?: string,
): Promise<any[][]> {
  return explained(() => ancillaryFormula(batcher, { market, location, service, start, end, run, options }));
}

/**
 * A block's mean price (or min, max, sum, count, first, last with "stat=...") over a period.
 * @customfunction AVG
 * @helpurl https://localhost:3000/help.html#AVG
 * @param market Market, e.g. "ERCOT".
 * @param location Node, hub, zone or area, e.g. "HB_NORTH".
 * @param start First market day (or a start date-time), or a period: "2026-07", "Q3-2026", "CAL-2027", "MTD", "YTD", "T-1" ...
 * @param [end] Last market day, included (or an end date-time, excluded); the start's whole period (its day, its month ...) if omitted.
 * @param [block] Peak block as the market defines it (ATC, ONPEAK, OFFPEAK, 5X16, 6X16, 2X16, 7X8, BASE, PEAK); ATC (all hours) if omitted.
 * @param [run] "DA", "RT" ...; the market's default if omitted.
 * @param [options] e.g. "stat=max; tz=UTC; currency=EUR; unit=MWh"; "product=LOAD" (with run "ACTUAL") for a block's mean load.
 * @returns The block's mean price, or the statistic asked for.
 */
export function avg(market: string, location: string, start: any, end?: any, block?: string, run?: string, options?: string): Promise<any> {
  return explained(() => averageFormula(batcher, { market, location, start, end, block, run, options }));
}

/**
 * A strip: a block's mean price per month (or quarter, year) of a period, months down and blocks across, under a header row.
 * @customfunction STRIP
 * @helpurl https://localhost:3000/help.html#STRIP
 * @param market Market, e.g. "PJM".
 * @param location Node, hub, zone or area, e.g. "WESTERN HUB".
 * @param period "CAL-2026", "Q3-2026" or "2026-07".
 * @param [blocks] Blocks across, e.g. "ONPEAK,OFFPEAK" (or a range of cells, one block each); ATC if omitted.
 * @param [run] "DA", "RT" ...; the market's default if omitted.
 * @param [options] e.g. "by=quarter; stat=max; currency=EUR; unit=MWh".
 * @returns [Period, block...] then a row per period; a period without data is an empty cell.
 */
export function strip(market: string, location: string, period: any, blocks?: any[][], run?: string, options?: string): Promise<any[][]> {
  return explained(() => stripFormula(batcher, { market, location, period, blocks, run, options }));
}

/**
 * The latest real-time price, refreshed as the market publishes. Keeps the last good price when an update fails.
 * @customfunction LIVE
 * @helpurl https://localhost:3000/help.html#LIVE
 * @param market Market, e.g. "ERCOT".
 * @param location Node, hub, zone or area, e.g. "HB_NORTH".
 * @param [run] Real-time run; the market's main one if omitted.
 * @param [product] "LMP" if omitted.
 * @param [form] "value" (default): the price; "time": one row of [interval start, price, "live" or "old: why"].
 * @param invocation Streaming handle (supplied by Excel).
 */
export function live(
  market: string,
  location: string,
  run: string | undefined,
  product: string | undefined,
  form: string | undefined,
  invocation: CustomFunctions.StreamingInvocation<any[][]>,
): void {
  liveFormula(batcher, { market, location, run, product, form }, spilling(invocation));
}

/**
 * How complete and fresh a range of one series is: sources, when fetched, final/provisional/stale, intervals expected and present, and each missing day with why.
 * @customfunction STATUS
 * @helpurl https://localhost:3000/help.html#STATUS
 * @param market Market, e.g. "PJM".
 * @param location Node, hub, zone or area, e.g. "WESTERN HUB".
 * @param start First market day (or a start date-time).
 * @param [end] Last market day, included (or an end date-time, excluded).
 * @param [run] "DA", "RT" ...; the market's default if omitted.
 * @param [product] "LMP" if omitted.
 * @returns Rows of [label, value]; fetch times are Excel date-times on UTC.
 */
export function status(market: string, location: string, start: any, end?: any, run?: string, product?: string): Promise<any[][]> {
  return explained(() => statusFormula(batcher, { market, location, start, end, run, product }));
}

/**
 * The locations of a market: name, type and aliases.
 * @customfunction LOCATIONS
 * @helpurl https://localhost:3000/help.html#LOCATIONS
 * @param market Market, e.g. "PJM".
 * @param [search] Part of a name or alias, e.g. "HUB".
 * @returns A table with a header row.
 */
export function locations(market: string, search?: string): Promise<any[][]> {
  return explained(() => locationsFormula(batcher, market, search));
}

/**
 * The markets gridcell knows: region, clock, currency, runs, products and whether an API key is needed and set.
 * @customfunction MARKETS
 * @helpurl https://localhost:3000/help.html#MARKETS
 * @returns A table with a header row.
 */
export function markets(): Promise<any[][]> {
  return explained(() => marketsFormula(batcher));
}

/**
 * ECB reference rate to convert one currency into another on a date (the last fixing on or before it).
 * @customfunction FX
 * @helpurl https://localhost:3000/help.html#FX
 * @param from Currency to convert from, e.g. "JPY".
 * @param to Currency to convert to, e.g. "EUR".
 * @param date The date.
 * @returns Units of `to` per unit of `from`.
 */
export function fx(from: string, to: string, date: any): Promise<number> {
  return explained(() => fxFormula(batcher, from, to, date));
}

/**
 * What the cache holds of a market's series and what in it is worth a look: gaps, revised values, values beyond the market's price limits or far from their neighbours, components that do not add up, DA-RT spreads, a location far from its peers.
 * @customfunction QUALITY
 * @helpurl https://localhost:3000/help.html#QUALITY
 * @param market Market, e.g. "NEM".
 * @param [location] One location; every cached one if omitted.
 * @param [start] First market day; the last 30 days if omitted.
 * @param [end] Last market day, included.
 * @param [run] "DA", "RT" ...; every run if omitted.
 * @param [view] "summary" (default): a row per series; "findings": a row per finding.
 * @returns A table with a header row.
 */
export function quality(market: string, location?: string, start?: any, end?: any, run?: string, view?: string): Promise<any[][]> {
  return explained(() => qualityFormula(batcher, { market, location, start, end, run, view }));
}

/** The same functions for the browser console and tests, outside Excel. */
scope.gridcell = {
  ...scope.gridcell,
  functions: {
    LMP: lmp,
    PRICE: price,
    AVG: avg,
    STRIP: strip,
    LIVE: live,
    LOCATIONS: locations,
    MARKETS: markets,
    FX: fx,
    QUALITY: quality,
    STATUS: status,
    LOAD: load,
    FUELMIX: fuelmix,
    AS: as,
  },
};
