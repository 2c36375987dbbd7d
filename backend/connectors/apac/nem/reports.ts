import { LOAD_PRODUCT } from '../../../../contract';
import { GridError, type Period } from '../../../domain';
import { looksLikeCid } from '../../../formats/aemo-cid';
import { isZip, zipEntries } from '../../../formats/zip';
import { addDays, daysBetween, parseDay } from '../../../time/clock';
import type { HttpGet } from '../../../http/types';
import type { FileSample, Report, RequestContext } from '../../types';
import { firstAndLastDay, periodBounds } from '../../shared/period';
import { archiveFiles, intervalFiles, listingLinks, operationalDemandForecastFile, publicPricesFiles, type NemwebLink } from './listing';
import { FCAS_PRODUCTS, NEM_CLOCK } from './market';
import { nemwebParser, parseFiveMinute, parseOperationalDemandForecast, type NemwebTables } from './parse';
import { fileRequest, fiveMinuteRequest, listingRequest, NEMWEB_FOLDERS } from './requests';
import { tradingIntervalMinutes } from './time';

const PRICES = ['LMP', ...FCAS_PRODUCTS];
/** Dispatch prices are the settlement prices only under five-minute settlement (from the trading day of 2021-10-01). */
const DISPATCH_PRICES_FROM = '2021-10-02';

const DISPATCH_TABLES: NemwebTables = {
  price: ['DISPATCH', 'PRICE'],
  demand: ['DISPATCH', 'REGIONSUM'],
  intervalMinutes: () => 5,
  namedByInterval: true,
};
const TRADING_TABLES: NemwebTables = { price: ['TRADING', 'PRICE'], intervalMinutes: tradingIntervalMinutes, namedByInterval: true };
const PUBLIC_PRICES_TABLES: NemwebTables = { price: ['DREGION', ''], intervalMinutes: () => 5, namedByInterval: false };

/** Dispatch reports carry demand, and settle only under five-minute settlement; trading reports go back further. */
const DISPATCH: Pick<Report, 'products' | 'validFrom'> = { products: [...PRICES, 'DEMAND'], validFrom: DISPATCH_PRICES_FROM };
const TRADING: Pick<Report, 'products' | 'validFrom'> = { products: PRICES };

/** A NEMWeb report: what it holds (dispatch or trading), the tables it is read from, how its files are found. */
function nemwebReport(
  kind: Pick<Report, 'products' | 'validFrom'>,
  tables: NemwebTables,
  report: Pick<Report, 'id' | 'description' | 'periodOf' | 'limits' | 'fetch' | 'detect'>,
): Report {
  return { runs: ['RT'], scope: 'market', ...kind, parse: nemwebParser(tables), ...report };
}

async function listing(folder: string, get: HttpGet): Promise<NemwebLink[]> {
  const request = listingRequest(folder);
  return listingLinks((await get(request)).body, request.url, request.url);
}

async function download(links: NemwebLink[], get: HttpGet): Promise<Buffer[]> {
  return Promise.all(links.map(async (link) => (await get(fileRequest(link.url))).body));
}

function notPublished(folder: string, ctx: RequestContext, why: string): GridError {
  return new GridError('NOT_PUBLISHED', `NEMWeb ${folder} has no files for ${ctx.period.key}: ${why}.`);
}

/** Import sniffing: a zip whose members carry the report's name, or the CSV with its table. */
function detectNemweb(file: FileSample, member: RegExp, tableLine: string): boolean {
  if (isZip(file.bytes)) return zipEntries(file.bytes, file.name).some((e) => member.test(e.name));
  return looksLikeCid(file.head) && file.head.includes(`\n${tableLine}`);
}

/** One file per 5-minute interval in a Current folder: list it, take the day's files. */
function intervalFolderFetch(folder: string, prefix: string) {
  return async (ctx: RequestContext, get: HttpGet): Promise<Buffer[]> => {
    const files = intervalFiles(await listing(folder, get), prefix, periodBounds(ctx.period, NEM_CLOCK));
    if (!files.length) throw notPublished(folder, ctx, 'it keeps only the last few days, and today fills in as the day goes');
    return download(files, get);
  };
}

export const dispatchIsReport = nemwebReport(DISPATCH, DISPATCH_TABLES, {
  id: 'nem.dispatchis',
  description: 'NEMWeb DispatchIS: 5-minute dispatch prices, FCAS prices and demand, one zip per interval (last few days)',
  fetch: intervalFolderFetch(NEMWEB_FOLDERS.dispatchIs, 'DISPATCHIS'),
  detect: (file) => detectNemweb(file, /PUBLIC_DISPATCHIS_/i, 'I,DISPATCH,PRICE,'),
});

export const tradingIsReport = nemwebReport(TRADING, TRADING_TABLES, {
  id: 'nem.tradingis',
  description: 'NEMWeb TradingIS: trading-interval prices and FCAS prices, one zip per interval (last few days); also reads archive zips',
  fetch: intervalFolderFetch(NEMWEB_FOLDERS.tradingIs, 'TRADINGIS'),
  detect: (file) => detectNemweb(file, /PUBLIC_TRADINGIS_/i, 'I,TRADING,PRICE,'),
});

export const publicPricesReport = nemwebReport(DISPATCH, PUBLIC_PRICES_TABLES, {
  id: 'nem.public_prices',
  description: 'NEMWeb Public_Prices: one zip per trading day with every 5-minute dispatch price, FCAS price and demand (DREGION)',
  // One listing serves a month of days: their files are taken from it (each day also needs the previous trading day's).
  limits: { maxDays: 31 },
  async fetch(ctx, get) {
    const folder = NEMWEB_FOLDERS.publicPrices;
    const links = await listing(folder, get);
    const files = ctx.period.days.map((day) => publicPricesFiles(links, day));
    if (files.some((f) => f === undefined))
      throw notPublished(folder, ctx, 'a trading day ends at 04:00 the next morning and is published after that');
    const unique = new Map((files as NemwebLink[][]).flat().map((l) => [l.url, l]));
    return download([...unique.values()], get);
  },
  detect: (file) => detectNemweb(file, /PUBLIC_PRICES_/i, 'I,DREGION,'),
});

/** The Sunday-to-Saturday week holding the day, as the weekly archives are cut. */
export function archiveWeek(day: string): Period {
  const { year, month, day: d } = parseDay(day);
  const sunday = addDays(day, -new Date(Date.UTC(year, month - 1, d)).getUTCDay());
  return { key: `week-${sunday}`, days: daysBetween(sunday, addDays(sunday, 6)) };
}

/** ARCHIVE folders: zips of the interval zips (weekly or daily); list them, take those holding the period's days. */
function archiveFolderFetch(folder: string, prefix: string, why: string) {
  return async (ctx: RequestContext, get: HttpGet): Promise<Buffer[]> => {
    const files = archiveFiles(await listing(folder, get), prefix, ...firstAndLastDay(ctx.period));
    if (!files) throw notPublished(folder, ctx, why);
    return download(files, get);
  };
}

export const tradingIsArchiveReport = nemwebReport(TRADING, TRADING_TABLES, {
  id: 'nem.tradingis_archive',
  description: 'NEMWeb ARCHIVE/TradingIS_Reports: weekly zips of the TradingIS interval zips (about the last 13 months)',
  periodOf: archiveWeek,
  fetch: archiveFolderFetch(
    NEMWEB_FOLDERS.tradingIsArchive,
    'TRADINGIS',
    'a week is archived early on the second Sunday after it ends (the recorded listing of 2 September 2023 holds weeks up to 19 August), and older weeks move to the MMSDM data archive',
  ),
});

export const dispatchIsArchiveReport = nemwebReport(DISPATCH, DISPATCH_TABLES, {
  id: 'nem.dispatchis_archive',
  description: 'NEMWeb ARCHIVE/DispatchIS_Reports: daily zips of the 288 DispatchIS interval zips (about the last 13 months)',
  fetch: archiveFolderFetch(
    NEMWEB_FOLDERS.dispatchIsArchive,
    'DISPATCHIS',
    'a day is archived the day after, and older days move to the MMSDM data archive',
  ),
});

export const fiveMinuteReport: Report = {
  id: 'nem.5min',
  description: "aemo.com.au price and demand feed (the NEM dashboard's 5MIN report): latest day of 5-minute RRP and demand",
  runs: ['RT'],
  products: ['LMP', 'DEMAND'],
  scope: 'market',
  validFrom: DISPATCH_PRICES_FROM,
  request: fiveMinuteRequest,
  parse: parseFiveMinute,
  detect: (file) => /^\s*\{\s*"5MIN"\s*:\s*\[/.test(file.head),
};

/**
 * A report that reads demand, fetched for LOAD ACTUAL: the same files and parser (which store
 * TOTALDEMAND as DEMAND under RT and as LOAD ACTUAL), listed apart so that the price report is not
 * asked for ACTUAL prices, nor this one for RT. Files are recognized for import by the price report.
 */
function actualLoad(report: Report, id: string): Report {
  return {
    ...report,
    id,
    description: `${report.description}; read for LOAD ACTUAL (TOTALDEMAND)`,
    runs: ['ACTUAL'],
    products: [LOAD_PRODUCT],
    detect: undefined,
  };
}

export const publicPricesLoadReport = actualLoad(publicPricesReport, 'nem.public_prices_load');
export const dispatchIsArchiveLoadReport = actualLoad(dispatchIsArchiveReport, 'nem.dispatchis_archive_load');
export const dispatchIsLoadReport = actualLoad(dispatchIsReport, 'nem.dispatchis_load');
export const fiveMinuteLoadReport = actualLoad(fiveMinuteReport, 'nem.5min_load');

export const operationalDemandForecastReport: Report = {
  id: 'nem.operational_demand_forecast',
  description:
    'NEMWeb Operational_Demand/FORECAST_HH: half-hourly operational demand forecast per region (POE50 as LOAD FORECAST), issued every half-hour, about eight days ahead',
  runs: ['FORECAST'],
  products: [LOAD_PRODUCT],
  scope: 'market',
  provisional: true,
  async fetch(ctx, get) {
    const folder = NEMWEB_FOLDERS.operationalDemandForecast;
    const file = operationalDemandForecastFile(await listing(folder, get), periodBounds(ctx.period, NEM_CLOCK));
    if (!file) throw notPublished(folder, ctx, 'the Current folder keeps only the issues of the last few days');
    return download([file], get);
  },
  parse: parseOperationalDemandForecast,
  detect: (file) => detectNemweb(file, /PUBLIC_FORECAST_OPERATIONAL_DEMAND_HH_/i, 'I,OPERATIONAL_DEMAND,FORECAST,'),
};
