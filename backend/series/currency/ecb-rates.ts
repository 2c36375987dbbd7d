import { ecbReportFor } from '../../connectors/fx/ecb/reports';
import { EURO, GridError, isGridError, type MarketDay } from '../../domain';
import type { SeriesStore } from '../../store/series-store';
import { addDays, dayBounds, marketDay } from '../../time/clock';
import type { Catalog } from '../catalog';
import type { Fetcher } from '../fetcher';
import { crossRate, MAX_FIXING_AGE_DAYS, type Fixing } from './cross-rate';
import type { ExchangeRates } from './exchange-rates';

const FX_MARKET = 'FX';
const FX_RUN = 'REF';
const FX_PRODUCT = 'RATE';

/**
 * ECB reference rates from the cache, fetching the ECB file that holds a date when the cache has
 * no fixing close enough before it (and gridcell is online). The arithmetic is `cross-rate.ts`.
 */
export class EcbRates implements ExchangeRates {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: SeriesStore,
    private readonly fetcher: Fetcher,
    private readonly now: () => number,
  ) {}

  async cross(from: string, to: string, day: MarketDay, offline: boolean): Promise<{ rateDate: MarketDay; rate: number }> {
    for (const currency of new Set([from, to])) {
      if (currency !== EURO) await this.load(currency, day, offline);
    }
    const fixings = new Map<string, Fixing | undefined>();
    for (const currency of new Set([from.toUpperCase(), to.toUpperCase()]))
      if (currency !== EURO) fixings.set(currency, await this.fixing(currency, day));
    const r = crossRate(from, to, day, (currency) => fixings.get(currency));
    const dates = [r.fromFixing?.rateDate, r.toFixing?.rateDate].filter((d): d is string => !!d).sort();
    return { rateDate: dates[0] ?? day, rate: r.rate };
  }

  /** The last stored fixing of a currency on or before a date. */
  private async fixing(currency: string, date: MarketDay): Promise<Fixing | undefined> {
    const fx = this.catalog.connector(FX_MARKET).market;
    const id = await this.store.findSeries({
      market: FX_MARKET,
      location: currency,
      run: FX_RUN,
      product: FX_PRODUCT,
      currency: fx.currency,
    });
    const p = id === undefined ? undefined : await this.store.lastOnOrBefore(id, dayBounds(date, fx.clock).start);
    return p && { rateDate: marketDay(p.start, fx.clock), rate: p.value };
  }

  private async load(currency: string, day: MarketDay, offline: boolean): Promise<void> {
    const connector = this.catalog.connector(FX_MARKET);
    const location = await this.catalog.location(connector, currency);
    const known = await this.fixing(location.name, day);
    if (known && known.rateDate >= addDays(day, -MAX_FIXING_AGE_DAYS)) return;
    if (offline) {
      if (known) return; // crossRate says how old it is
      throw new GridError(
        'NOT_CACHED',
        `No ECB reference rate for ${currency} on or before ${day} is in the cache, and gridcell is offline, so it cannot convert to or from ${currency}. Import the ECB's rates file (eurofxref-hist.zip) or go online, then ask again.`,
      );
    }
    // The connector's own report of that id: the app may be built with its requests sent elsewhere (a proxy, a test upstream).
    const chosen = ecbReportFor(day, marketDay(this.now(), connector.market.clock));
    const report = connector.reports.find((r) => r.id === chosen.id) ?? chosen;
    try {
      await this.fetcher.fetchDay({ connector, report, run: FX_RUN, product: FX_PRODUCT, location }, day);
    } catch (e) {
      // A day the ECB did not fix (a weekend) is not an error: the last earlier fixing serves it.
      if (isGridError(e, 'NOT_PUBLISHED')) return;
      if (isGridError(e))
        throw new GridError(
          e.code,
          `The ECB ${currency} rate for ${day} could not be fetched, so it cannot convert to or from ${currency}: ${e.message}`,
        );
      throw e;
    }
  }
}
