import { GridError } from '../errors';
import { addDays, dayBounds, marketDay } from '../time/clock';
import type { CrossRate } from './currency';
import type { Fetcher } from './fetcher';
import { usableReports } from './report-choice';
import type { KeyStore } from '../config';
import type { Catalog } from './catalog';
import type { SeriesStore } from '../store/series-store';

export const FX_MARKET = 'FX';
const FX_RUN = 'REF';
const FX_PRODUCT = 'RATE';
/** Longest gap between two ECB fixings (Easter: Friday to Tuesday). */
const MAX_FIXING_GAP_DAYS = 5;

/**
 * Units of a currency per euro on a date: the last ECB fixing on or before it, never a later one.
 * Fetches the ECB file when the cache has no fixing close enough (and gridcell is online).
 */
export class EcbRates {
  constructor(
    private readonly catalog: Catalog,
    private readonly store: SeriesStore,
    private readonly fetcher: Fetcher,
    private readonly keys: KeyStore,
  ) {}

  async perEuro(currency: string, day: string, offline: boolean): Promise<{ rateDate: string; rate: number }> {
    const code = currency.toUpperCase();
    if (code === 'EUR') return { rateDate: day, rate: 1 };
    const fx = this.catalog.market(FX_MARKET);
    const location = this.catalog.location(fx, code);
    const clock = fx.market.clock;
    const lookup = () => {
      const id = this.store.findSeries({ market: FX_MARKET, location: location.name, run: FX_RUN, product: FX_PRODUCT, currency: code });
      const p = id === undefined ? undefined : this.store.lastOnOrBefore(id, dayBounds(day, clock).start);
      return p && { rateDate: marketDay(p.start, clock), rate: p.value };
    };
    let found = lookup();
    const closeEnough = (f: { rateDate: string } | undefined) => !!f && f.rateDate >= addDays(day, -MAX_FIXING_GAP_DAYS);
    if (!closeEnough(found) && !offline) {
      await this.fetcher.fetchPeriod(fx, usableReports(fx, FX_RUN, FX_PRODUCT, day, location, this.keys)[0], day, FX_RUN, FX_PRODUCT, location);
      found = lookup();
    }
    if (found && closeEnough(found)) return found;
    if (found) throw new GridError('NO_DATA', `The ECB has no ${code} rate on or before ${day} since ${found.rateDate}${offline ? ' in the cache (offline)' : ''}: the ECB stopped publishing it, or the cache lacks that period.`);
    throw new GridError(offline ? 'NOT_CACHED' : 'NO_DATA', `No ECB ${code} rate on or before ${day}${offline ? ' in the cache, and gridcell is offline: import the ECB history (eurofxref-hist.zip) first' : ''}.`);
  }

  /** A cross rate through the euro: units of `to` per unit of `from`. */
  readonly cross: CrossRate = async (from, to, day, offline) => {
    const a = await this.perEuro(from, day, offline);
    const b = await this.perEuro(to, day, offline);
    return { rateDate: a.rateDate < b.rateDate ? a.rateDate : b.rateDate, rate: b.rate / a.rate };
  };
}
