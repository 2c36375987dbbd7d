import { GridError, type LocationInfo } from '../domain';
import type { KeyStore } from '../config';
import type { Connector, Report } from '../connectors/types';
import { addDays } from '../time/clock';

/** Is the day older than the rolling window the report's source keeps? */
function beyondWindow(report: Report, day: string, today: string | undefined): boolean {
  const keeps = report.limits?.keepsDays;
  return keeps !== undefined && today !== undefined && day < addDays(today, -keeps);
}

/** Can this report fetch (not import-only) this run/product on this day? */
function serves(report: Report, run: string, product: string, day: string, location: LocationInfo, today?: string): boolean {
  if (!report.request && !report.fetch) return false;
  if (beyondWindow(report, day, today)) return false;
  if (report.serves && !report.serves(location)) return false;
  if (!report.runs.includes(run) || !report.products.includes(product)) return false;
  if (report.validFrom && day < report.validFrom) return false;
  if (report.validUntil && day > report.validUntil) return false;
  return true;
}

/**
 * The reports that can fetch a run/product for a day, in the connector's order, keeping those
 * whose keys are all set and (given today) whose source still keeps the day. When only keyed reports serve it, the error names the variables to set.
 */
export function usableReports(
  connector: Connector,
  run: string,
  product: string,
  day: string,
  location: LocationInfo,
  keys: KeyStore,
  today?: string,
): Report[] {
  const candidates = connector.reports.filter((r) => serves(r, run, product, day, location, today));
  const usable = candidates.filter((r) => (r.keys ?? []).every((k) => keys.has(k)));
  if (usable.length) return usable;
  const id = connector.market.id;
  // A source that keeps only recent days is why an older day has fewer (or no) sources: say so first.
  const ended = connector.reports.find(
    (r) => r.endedNote && r.validUntil && day > r.validUntil && serves({ ...r, validUntil: undefined }, run, product, day, location),
  );
  if (!candidates.length && ended) throw new GridError('NO_DATA', ended.endedNote!);
  const windowed = connector.reports.find((r) => beyondWindow(r, day, today) && serves(r, run, product, day, location));
  const why = windowed ? `${windowed.id} serves only the last ${windowed.limits!.keepsDays} days, and ${day} is older. ` : '';
  if (candidates.length) {
    const missing = [...new Set(candidates.flatMap((r) => (r.keys ?? []).filter((k) => !keys.has(k))))];
    throw new GridError(
      'MISSING_KEY',
      `${why}${id} ${run} ${product} ${windowed ? 'for that day ' : ''}needs an API key: set ${missing.join(' and ')} in the environment or ~/.gridcell/config.json, then restart gridcell.`,
    );
  }
  throw new GridError(
    'NO_DATA',
    windowed
      ? `${id} ${run} ${product}: ${why}If you have the source's downloaded file for that day, import it.`
      : `${id} has no source that publishes ${run} ${product} for ${day}. If you have the source's downloaded file, import it.`,
  );
}

/** Values of the keys a report declared, for its RequestContext. */
export function keysFor(report: Report, keys: KeyStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of report.keys ?? []) {
    const v = keys.get(k);
    if (v) out[k] = v;
  }
  return out;
}
