/**
 * A forecast is stored twice: under run `FORECAST` (the latest issue, what a plain question answers)
 * and under a vintage run `FORECAST@<issue time>` of its own, so that it can be asked "as of" a time
 * (the latest issue made by then, interval by interval). The store keeps runs as text, so a vintage
 * needs nothing of it; only the read path reads the issue time back.
 */
export const FORECAST_RUN = 'FORECAST';
const VINTAGE_MARK = '@';

/** The run a forecast issued at `issuedMs` (UTC) is kept under: `FORECAST@2025-03-19T09:17:53Z`. */
export function vintageRun(issuedMs: number, run: string = FORECAST_RUN): string {
  if (!Number.isFinite(issuedMs)) throw new Error(`a forecast's issue time must be an instant, not ${issuedMs}`);
  return `${run}${VINTAGE_MARK}${new Date(issuedMs).toISOString().replace('.000Z', 'Z')}`;
}

/** The run and issue time of a vintage run, or undefined for any other run. */
export function vintageOf(run: string): { run: string; issued: number } | undefined {
  const at = run.indexOf(VINTAGE_MARK);
  if (at < 0) return undefined;
  const issued = Date.parse(run.slice(at + 1));
  return Number.isFinite(issued) ? { run: run.slice(0, at), issued } : undefined;
}
