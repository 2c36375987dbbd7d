import { AS_PREFIX, type AncillaryService, type Fuel, fuelOf, GEN_PREFIX, LOAD_PRODUCT, POWER_UNIT, type Run } from '../../../contract';
import {
  type Clock,
  FORECAST_RUN,
  type MarketInfo,
  type ParsedPoint,
  ParseError,
  type ProductInfo,
  type RunInfo,
  vintageOf,
  vintageRun,
} from '../../domain';
import { marketDay } from '../../time/clock';
import type { ParseContext } from '../types';
import { round6 } from './points';

/** The product of a fuel as a market names it (`Natural Gas` -> `GEN_GAS`); `extra` holds the market's own names. */
export function fuelProduct(name: string, source: string, extra: Readonly<Record<string, Fuel>> = {}): string {
  const fuel = extra[name.trim().toUpperCase()] ?? fuelOf(name);
  if (!fuel) throw new ParseError(source, `unknown fuel "${name}": gridcell does not know which fuel it is, so it would be misfiled`);
  return GEN_PREFIX + fuel;
}

/** The product of an ancillary service: `AS_REG_UP`. */
export function serviceProduct(service: AncillaryService): string {
  return AS_PREFIX + service;
}

/**
 * Generation by fuel gathered before it is stored: two of a market's names that mean one fuel in the
 * same interval (CAISO large and small hydro) are summed, not written over each other.
 */
export class FuelTally {
  private readonly sums = new Map<string, ParsedPoint>();
  /** Each fuel name's product, worked out the first time the name is seen. */
  private readonly products = new Map<string, string>();

  constructor(
    private readonly source: string,
    private readonly extra: Readonly<Record<string, Fuel>> = {},
  ) {}

  add(location: string, run: string, fuelName: string, start: number, end: number, mw: number): void {
    let product = this.products.get(fuelName);
    if (product === undefined) {
      product = fuelProduct(fuelName, this.source, this.extra);
      this.products.set(fuelName, product);
    }
    const key = `${location}\u0000${run}\u0000${product}\u0000${start}`;
    const seen = this.sums.get(key);
    if (seen) seen.value = round6(seen.value + mw);
    else this.sums.set(key, { location, run, product, start, end, value: mw });
  }

  points(): ParsedPoint[] {
    return [...this.sums.values()];
  }
}

/**
 * A forecast value, kept under `FORECAST` (the latest issue) and under its issue's vintage run, so
 * that it can be asked "as of" that time (`backend/domain/forecast.ts`). A file that does not say
 * when it was issued (`issuedMs` undefined) gives the value under `FORECAST` only.
 */
export function pushForecast(
  points: ParsedPoint[],
  point: Omit<ParsedPoint, 'run'>,
  issuedMs: number | undefined,
  run: string = FORECAST_RUN,
): void {
  if (issuedMs === undefined) points.push({ ...point, run });
  else points.push({ ...point, run }, { ...point, run: vintageRun(issuedMs, run) });
}

/**
 * What a fetched answer is kept for: a plain run (`ACTUAL`, `FORECAST`, `DA`) only for the run and
 * days asked, so that an older file never writes over a newer issue of another day or run; a
 * forecast's vintage runs (`FORECAST@...`) always, each being its own issue. An imported file keeps all.
 */
export function askedOrIssue(ctx: ParseContext, clock: Clock): (point: ParsedPoint) => boolean {
  const asked = ctx.request;
  if (!asked) return () => true;
  const days = new Set(asked.period.days);
  return (p) => vintageOf(p.run) !== undefined || (p.run === asked.run && days.has(marketDay(p.start, clock)));
}

/** The runs a market with fundamentals lists: what was measured and the operator's forecast. */
export function fundamentalRuns(actualMinutes: number, forecastMinutes = 60): RunInfo[] {
  return [
    { id: 'ACTUAL', description: 'Measured load and generation', intervalMinutes: actualMinutes },
    {
      id: 'FORECAST',
      description: "The operator's load forecast (latest issue; asof= for an earlier one)",
      intervalMinutes: forecastMinutes,
    },
  ];
}

/** The ids of a market's products that begin with `prefix` (`GEN_`, `AS_`), in the market's order. */
export function productsOf(market: Pick<MarketInfo, 'products'>, prefix: string): string[] {
  return market.products.filter((p) => p.id.startsWith(prefix)).map((p) => p.id);
}

/** Product entries for load, a fuel mix and ancillary services, with their units and default runs. */
export function fundamentalProducts(what: {
  load?: string;
  fuels?: readonly Fuel[];
  services?: Partial<Record<AncillaryService, string>>;
  serviceRun?: Run;
  /** A service that clears in another run than `serviceRun` (PJM's regulation: real time only). */
  serviceRuns?: Partial<Record<AncillaryService, Run>>;
}): ProductInfo[] {
  const products: ProductInfo[] = [];
  if (what.load) products.push({ id: LOAD_PRODUCT, description: what.load, unit: POWER_UNIT, defaultRun: 'ACTUAL' });
  for (const fuel of what.fuels ?? [])
    products.push({
      id: GEN_PREFIX + fuel,
      description: `Generation from ${fuel.toLowerCase().replace(/_/g, ' ')}`,
      unit: POWER_UNIT,
      defaultRun: 'ACTUAL',
    });
  for (const [service, description] of Object.entries(what.services ?? {}))
    products.push({
      id: AS_PREFIX + service,
      description: description ?? service,
      defaultRun: what.serviceRuns?.[service as AncillaryService] ?? what.serviceRun ?? 'DA',
    });
  return products;
}
