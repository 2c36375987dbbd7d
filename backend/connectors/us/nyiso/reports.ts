import { AS_PREFIX, GEN_PREFIX, LOAD_PRODUCT, PRICE_COMPONENTS } from '../../../../contract';
import { GridError } from '../../../domain';
import { zipEntries } from '../../../formats/zip';
import type { HttpGet } from '../../../http/types';
import type { Report, RequestContext, RequestLimits } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { namesAll } from '../../shared/headers';
import { ifPublished } from '../../shared/not-published';
import { nyisoMarket } from './market';
import { nyisoFileDataset, nyisoLbmpParser, type StampMeaning } from './parse';
import {
  AS_HEADER,
  misHeader,
  nyisoAsParser,
  nyisoLoadParser,
  parseIsolf,
  parseRtFuelMix,
  REGULATION_MOVEMENT,
} from './parse-fundamentals';
import {
  DAMASP,
  fileKindFor,
  ISOLF,
  PAL,
  PAL_INTEGRATED,
  RTASP,
  RTFUELMIX,
  lbmpFiles,
  type MisFiles,
  misDailyRequest,
  misFileName,
  misMonthlyRequest,
  type NyisoDataset,
  type NyisoFileKind,
} from './requests';

const PRODUCTS: string[] = [...PRICE_COMPONENTS];

/**
 * One file per market day (daily CSV, else the day's member of the month's zip), and every zone (or
 * every generator) of NYISO in it: locations asked together share the day's file, one file of each
 * kind their locations need.
 */
export const NYISO_LIMITS: RequestLimits = { maxDays: 1, maxLocations: 1000 };

/**
 * One report per NYISO dataset. Scope is `location` because the location decides the file
 * (`_zone` for zones and proxies, `_gen` for generators); either file stores every location in it.
 */
function lbmpReport(dataset: NyisoDataset, run: string, stamps: StampMeaning, description: string): Report {
  return {
    id: `nyiso.${dataset}`,
    description,
    runs: [run],
    products: PRODUCTS,
    scope: 'location',
    limits: NYISO_LIMITS,
    fetch: async (ctx, get) => {
      const bodies: Buffer[] = [];
      for (const kind of fileKindsFor(ctx)) bodies.push(...(await fetchMisDay(lbmpFiles(dataset, kind), ctx.period.key, get)));
      return bodies;
    },
    parse: nyisoLbmpParser(run, stamps),
    detect: (file) => nyisoFileDataset(file) === dataset,
  };
}

export const nyisoDamLbmp = lbmpReport('damlbmp', 'DA', 'hour-beginning', 'NYISO day-ahead LBMP (damlbmp), hourly, zones and generators');
export const nyisoRealtimeLbmp = lbmpReport(
  'realtime',
  'RT5',
  'interval-end',
  'NYISO real-time RTD LBMP (realtime), 5-minute, zones and generators',
);
export const nyisoRtLbmp = lbmpReport(
  'rtlbmp',
  'RTH',
  'hour-beginning',
  'NYISO real-time LBMP integrated hourly (rtlbmp), zones and generators',
);

/**
 * A day's file of any MIS series. NYISO serves recent days as daily CSVs and every month as a zip
 * of the daily CSVs. The daily file is asked for first (it is the only place today's prices are);
 * when it is gone, the day is read from the month's archive.
 */
export async function fetchMisDay(files: MisFiles, day: string, get: HttpGet): Promise<Buffer[]> {
  const daily = await ifPublished(get(misDailyRequest(files, day)));
  if (daily) return [daily.body];
  const archive = misMonthlyRequest(files, day);
  const name = misFileName(files, day);
  const member = zipEntries((await get(archive)).body, archive.url).find((e) => e.name === name || e.name.endsWith(`/${name}`));
  if (!member) throw new GridError('NOT_PUBLISHED', `NYISO has not published ${name} yet (not in ${archive.url} either).`);
  return [member.read()];
}

/** The files the request's locations are in: the zone file, the generator file, or both (zones first). */
function fileKindsFor(ctx: RequestContext): NyisoFileKind[] {
  const kinds = new Set((ctx.locations ?? [ctx.location]).map(fileKindFor));
  return (['zone', 'gen'] as const).filter((k) => kinds.has(k));
}

/** What differs between the fundamentals reports. */
type MisFields = Pick<Report, 'id' | 'description' | 'runs' | 'products' | 'parse' | 'provisional'>;

/**
 * A fundamentals file of NYISO: one per market day (the daily CSV, else the day's member of the
 * month's zip) holding every zone, so one request serves the market. `looksLike` checks the header
 * (of the file, or of the first member of a monthly zip of the series).
 */
function misReport(files: MisFiles, looksLike: (header: string[] | undefined) => boolean, fields: MisFields): Report {
  return {
    scope: 'market',
    fetch: (ctx, get) => fetchMisDay(files, ctx.period.key, get),
    detect: (file) => looksLike(misHeader(file, files)),
    ...fields,
  };
}

const FUELS = productsOf(nyisoMarket, GEN_PREFIX);
const SERVICES = productsOf(nyisoMarket, AS_PREFIX);
const LOAD_CELLS = ['Time Stamp', 'Time Zone', 'Name', 'PTID'];

export const nyisoPal = misReport(PAL, (h) => namesAll(h, [...LOAD_CELLS, 'Load']), {
  id: 'nyiso.pal',
  description: 'NYISO real-time actual load (pal), five-minute, by load zone and the NYCA total (sum of the zones)',
  runs: ['ACTUAL'],
  products: [LOAD_PRODUCT],
  parse: nyisoLoadParser('pal'),
});

export const nyisoPalIntegrated = misReport(PAL_INTEGRATED, (h) => namesAll(h, [...LOAD_CELLS, 'Integrated Load']), {
  id: 'nyiso.pal_integrated',
  description: 'NYISO integrated real-time actual load (palIntegrated), hourly, by load zone and the NYCA total (sum of the zones)',
  runs: ['RTH'],
  products: [LOAD_PRODUCT],
  parse: nyisoLoadParser('palIntegrated'),
});

export const nyisoIsolf = misReport(ISOLF, (h) => namesAll(h, ['Time Stamp', 'NYISO', 'N.Y.C.']) && !namesAll(h, ['Name']), {
  id: 'nyiso.isolf',
  description: 'NYISO ISO load forecast (isolf), hourly, the day and five more, by load zone and NYISO; one issue per daily file',
  runs: ['FORECAST'],
  products: [LOAD_PRODUCT],
  provisional: true,
  parse: parseIsolf,
});

export const nyisoRtFuelMix = misReport(
  RTFUELMIX,
  (h) => namesAll(h, ['Time Stamp', 'Time Zone', 'Fuel Category']) && (namesAll(h, ['Gen MW']) || namesAll(h, ['Gen MWh'])),
  {
    id: 'nyiso.rtfuelmix',
    description: 'NYISO real-time generation by fuel (rtfuelmix), five-minute, NYCA',
    runs: ['ACTUAL'],
    products: FUELS,
    parse: parseRtFuelMix,
  },
);

export const nyisoDamAsp = misReport(DAMASP, (h) => namesAll(h, AS_HEADER) && !namesAll(h, [REGULATION_MOVEMENT]), {
  id: 'nyiso.damasp',
  description:
    'NYISO day-ahead ancillary service prices (damasp), hourly, by load zone: spinning, non-synchronized, 30-minute reserve, regulation capacity',
  runs: ['DA'],
  products: SERVICES,
  parse: nyisoAsParser('DA'),
});

export const nyisoRtAsp = misReport(RTASP, (h) => namesAll(h, [...AS_HEADER, REGULATION_MOVEMENT]), {
  id: 'nyiso.rtasp',
  description: 'NYISO real-time ancillary service prices (rtasp), five-minute (RTD intervals), by load zone',
  runs: ['RT5'],
  products: SERVICES,
  parse: nyisoAsParser('RT5'),
});

/** The price reports first (unchanged), then the fundamentals; pal before palIntegrated for LOAD ACTUAL. */
export const nyisoReports: Report[] = [
  nyisoDamLbmp,
  nyisoRealtimeLbmp,
  nyisoRtLbmp,
  nyisoPal,
  nyisoPalIntegrated,
  nyisoIsolf,
  nyisoRtFuelMix,
  nyisoDamAsp,
  nyisoRtAsp,
];
