import { GridError } from '../errors';
import { crossRate, MAX_FIXING_AGE_DAYS, type Fixing } from '../fx/cross';
import { ecbReportFor } from '../connectors/fx/ecb/reports';
import { addDays, dayBounds, marketDay } from '../time/clock';
import type { CrossRate } from './currency';
import type { Fetcher } from './fetcher';
import type { Catalog } from './catalog';
import type { SeriesStore } from '../store/series-store';

const FX_MARKET = 'FX';
const FX_RUN = 'REF';
const FX_PRODUCT = 'RATE';

/**
 * ECB reference rates from the cache, fetching the ECB file that holds a date when the cache has
 * no fixing close enough before it (and gridcell is online). The arithmetic is `fx/cross.ts`.
 */
export class EcbRates {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: SeriesStore,
    private readonly fetcher: Fetcher,
    private readonly now: () => number,
  ) {}

  /** Units of `to` per unit of `from` on a market date, and the fixing date it rests on. */
  readonly cross: CrossRate = async (from, to, day, offline) => {
    for (const currency of new Set([from.toUpperCase(), to.toUpperCase()])) {
      if (currency !== 'EUR') await this.load(currency, day, offline);
    }
    const r = crossRate(from, to, day, (currency, date) => this.fixing(currency, date));
    const dates = [r.fromFixing?.rateDate, r.toFixing?.rateDate].filter((d): d is string => !!d).sort();
    return { rateDate: dates[0] ?? day, rate: r.rate };
  };

  /** The last stored fixing of a currency on or before a date. */
  private fixing(currency: string, date: string): Fixing | undefined {
    const fx = this.catalog.market(FX_MARKET);
    const id = this.store.findSeries({ market: FX_MARKET, location: currency, run: FX_RUN, product: FX_PRODUCT, currency: fx.market.currency });
    const p = id === undefined ? undefined : this.store.lastOnOrBefore(id, dayBounds(date, fx.market.clock).start);
    return p && { rateDate: marketDay(p.start, fx.market.clock), rate: p.value };
  }

  private async load(currency: string, day: string, offline: boolean): Promise<void> {
    const fx = this.catalog.market(FX_MARKET);
    const location = this.catalog.location(fx, currency);
    const known = this.fixing(location.name, day);
    if (known && known.rateDate >= addDays(day, -MAX_FIXING_AGE_DAYS)) return;
    if (offline) {
      if (known) return; // crossRate says how old it is
      throw new GridError('NOT_CACHED', `No ECB ${currency} rate on or before ${day} in the cache, and gridcell is offline: import the ECB history (eurofxref-hist.zip) first.`);
    }
    const report = ecbReportFor(day, marketDay(this.now(), fx.market.clock));
    try {
      await this.fetcher.fetchPeriod(fx, report, day, FX_RUN, FX_PRODUCT, location);
    } catch (e) {
      // A day the ECB did not fix (a weekend) is not an error: the last earlier fixing serves it.
      if (!(e instanceof GridError) || e.code !== 'NOT_PUBLISHED') throw e;
    }
  }
}
