import { PRICE_COMPONENTS } from '../../../../contract';
import { GridError } from '../../../domain';
import { zipEntries } from '../../../formats/zip';
import type { HttpGet } from '../../../http/types';
import type { Report, RequestContext, RequestLimits } from '../../types';
import { ifPublished } from '../../shared/not-published';
import { nyisoFileDataset, nyisoLbmpParser, type StampMeaning } from './parse';
import { dailyCsvRequest, dailyFileName, fileKindFor, monthlyZipRequest, type NyisoDataset, type NyisoFileKind } from './requests';

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
      for (const kind of fileKindsFor(ctx)) bodies.push(...(await fetchDay(dataset, kind, ctx.period.key, get)));
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
 * NYISO serves recent days as daily CSVs and every month as a zip of the daily CSVs. The daily
 * file is asked for first (it is the only place today's prices are); when it is gone, the day
 * is read from the month's archive.
 */
async function fetchDay(dataset: NyisoDataset, kind: NyisoFileKind, day: string, get: HttpGet): Promise<Buffer[]> {
  const daily = await ifPublished(get(dailyCsvRequest(dataset, kind, day)));
  if (daily) return [daily.body];
  const archive = monthlyZipRequest(dataset, kind, day);
  const name = dailyFileName(dataset, kind, day);
  const member = zipEntries((await get(archive)).body, archive.url).find((e) => e.name === name || e.name.endsWith(`/${name}`));
  if (!member) throw new GridError('NOT_PUBLISHED', `NYISO has not published ${name} yet (not in ${archive.url} either).`);
  return [member.read()];
}

/** The files the request's locations are in: the zone file, the generator file, or both (zones first). */
function fileKindsFor(ctx: RequestContext): NyisoFileKind[] {
  const kinds = new Set((ctx.locations ?? [ctx.location]).map(fileKindFor));
  return (['zone', 'gen'] as const).filter((k) => kinds.has(k));
}
