/**
 * When each market publishes each run, as data: the scheduler reads this table and nothing else
 * about sources. Times are wall times on the market's own clock (its `MarketInfo.clock`), so a
 * DST change moves them with the market. They are the usual times results appear, not promises:
 * a report not out yet is asked for again every few minutes until it is.
 */

/** Tomorrow's day is published once a day, after the auction, at `at` (HH:MM on the market clock). */
export interface DayAheadSchedule {
  kind: 'day-ahead';
  at: string;
}

/** Today's day grows through the day: fetched every `everyMinutes` (default: the run's interval, at least MIN_POLL_MINUTES). */
export interface RealTimeSchedule {
  kind: 'real-time';
  everyMinutes?: number;
}

/** A forecast re-issued through the day: today and the next `aheadDays` fetched every `everyMinutes`, each issue kept (asof=). */
export interface ForecastSchedule {
  kind: 'forecast';
  everyMinutes: number;
  aheadDays: number;
}

export type PublicationSchedule = DayAheadSchedule | RealTimeSchedule | ForecastSchedule;

/** No source is polled more often than this, whatever its interval. */
export const MIN_POLL_MINUTES = 5;

const realTime: RealTimeSchedule = { kind: 'real-time' };
const dayAhead = (at: string): DayAheadSchedule => ({ kind: 'day-ahead', at });
/** Operators re-issue load forecasts hourly or less often: asked hourly, today and tomorrow. */
const forecast: ForecastSchedule = { kind: 'forecast', everyMinutes: 60, aheadDays: 1 };
/** Measured load and generation grow through the day like a real-time price; the operator's forecast is re-issued. */
const fundamentals = { ACTUAL: realTime, FORECAST: forecast };

/**
 * Markets and runs without an entry (GAS, FX, EUETS, ERCOT RT5) are not ingested: their sources
 * publish weekly, with a lag, or only as files to import; `gridcell backfill` fetches them.
 */
export const PUBLICATION_SCHEDULES: Record<string, Record<string, PublicationSchedule>> = {
  // DA results are posted by about 13:30 ET. RTH is settlement-verified, posted the next business day,
  // so today's fetch waits and yesterday's is completed once it is out.
  PJM: { DA: dayAhead('13:30'), RTH: realTime, RT5: realTime, ...fundamentals },
  // IFM results about 13:00 PT.
  CAISO: { DA: dayAhead('13:00'), RT15: realTime, RT5: realTime, ...fundamentals },
  // MISO's clock is EST all year; DA results are posted about 14:00 EST (unsure: some days closer to 13:30).
  MISO: { DA: dayAhead('14:00'), RTH: realTime, RT5: realTime, ...fundamentals },
  // DAM results about 13:30 CT. RT5 (SCED LMP) is file import only: not ingested.
  ERCOT: { DA: dayAhead('13:30'), RT15: realTime, ...fundamentals },
  // DA market results about 14:00 CT (unsure: SPP's target is 13:00, later on busy days).
  SPP: { DA: dayAhead('14:00'), RT5: realTime, ...fundamentals },
  // DAM LBMPs are posted about 11:00 ET.
  NYISO: { DA: dayAhead('11:00'), RT5: realTime, RTH: realTime, ...fundamentals },
  // DA results about 13:30 ET.
  ISONE: { DA: dayAhead('13:30'), RTH: realTime, RT5: realTime, ...fundamentals },
  // IESO's clock is EST all year; DAM results (from 2025-05-01) about 13:30 EST (unsure).
  IESO: { DA: dayAhead('13:30'), RT: realTime, ...fundamentals },
  // AESO has only the hourly pool price: real time.
  AESO: { RT: realTime, ...fundamentals },
  // SDAC results about 12:45 CET; EXAA's auction is at 10:15, results about 10:30 (unsure).
  EPEX: { DA: dayAhead('12:45'), EXAA: dayAhead('10:30'), ...fundamentals },
  NORDPOOL: { DA: dayAhead('12:45'), ...fundamentals },
  // The spot auction closes at 10:00 JST; results follow within minutes.
  JEPX: { DA: dayAhead('10:00'), ACTUAL: realTime },
  // NEM dispatch prices every five minutes (AEST all year).
  NEM: { RT: realTime, ...fundamentals },
};

export function scheduleOf(market: string, run: string): PublicationSchedule | undefined {
  return PUBLICATION_SCHEDULES[market]?.[run];
}

/** The markets and runs that can be ingested, for error messages. */
export function ingestibleRuns(market: string): string[] {
  return Object.keys(PUBLICATION_SCHEDULES[market] ?? {});
}
