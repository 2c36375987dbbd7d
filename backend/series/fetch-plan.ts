import { periodOf } from '../connectors/fetch';
import type { Report, RequestLimits } from '../connectors/types';
import type { MarketDay, Period } from '../domain';
import { addDays } from '../time/clock';

/** One request's worth of market days, and whether the source keeps them only in its archive form. */
export interface FetchWindow {
  period: Period;
  archive: boolean;
}

const ONE_DAY_ONE_LOCATION: RequestLimits = { maxDays: 1 };

/**
 * The fewest windows that cover the days as the report allows: a report of fixed files (a month,
 * a year) gets each file once; a report asked by date range gets runs of consecutive days, each
 * at most `limits.maxDays` long, never across the month or year the source keeps requests
 * within, nor across its archive cut-off (`today` minus `archiveAfterDays`).
 */
export function planWindows(report: Report, days: readonly MarketDay[], today: MarketDay): FetchWindow[] {
  const sorted = [...new Set(days)].sort();
  if (report.periodOf) {
    const periods = new Map<string, Period>();
    for (const day of sorted) {
      const period = periodOf(report, day);
      periods.set(period.key, period);
    }
    return [...periods.values()].map((period) => ({ period, archive: false }));
  }
  const limits = report.limits ?? ONE_DAY_ONE_LOCATION;
  const cutoff = limits.archiveAfterDays === undefined ? undefined : addDays(today, -limits.archiveAfterDays);
  const archived = (day: MarketDay) => cutoff !== undefined && day < cutoff;
  const windows: FetchWindow[] = [];
  let run: MarketDay[] = [];
  const close = () => {
    if (run.length) windows.push({ period: windowPeriod(run), archive: archived(run[0]) });
    run = [];
  };
  for (const day of sorted) {
    const previous = run[run.length - 1];
    if (
      previous !== undefined &&
      (addDays(previous, 1) !== day ||
        run.length >= (archived(previous) ? (limits.archiveMaxDays ?? limits.maxDays) : limits.maxDays) ||
        crosses(previous, day, limits.within) ||
        archived(previous) !== archived(day))
    )
      close();
    run.push(day);
  }
  close();
  return windows;
}

/** A single day keeps its own key (as a one-day period always had); a run is `first..last`. */
function windowPeriod(days: MarketDay[]): Period {
  const key = days.length === 1 ? days[0] : `${days[0]}..${days[days.length - 1]}`;
  return { key, days };
}

function crosses(previous: MarketDay, day: MarketDay, within: 'month' | 'year' | undefined): boolean {
  if (within === 'month') return previous.slice(0, 7) !== day.slice(0, 7);
  if (within === 'year') return previous.slice(0, 4) !== day.slice(0, 4);
  return false;
}
