import { apiGet, apiPath, serialFromIsoWallTime, type ApiUrl, type RequestBatcher } from '../client';
import type { LatestResponse } from '../contract';
import { optionalChoice, optionalText, requiredText } from './args';
import { asFunctionError, type FunctionError } from './errors';

/**
 * GRID.LIVE: the latest real-time price, polled at the pace the backend gives, until Excel cancels.
 * Once it has a price, a failed poll never replaces it with an error: the cell keeps the last good
 * value. The "time" form spills one row [interval start, value, state] whose state says when the
 * value is old: "old: ..." when the last poll failed, or when the interval ended more than
 * STALE_POLLS poll periods ago (the market has published nothing newer); "live" otherwise.
 */

export const MIN_POLL_SECONDS = 15;
/** Wait after a failed poll before asking again. */
export const RETRY_SECONDS = 60;
/** Poll periods after its interval's end past which a value is shown as old. */
export const STALE_POLLS = 3;

export const LIVE_FORMS = ['value', 'time'] as const;
export type LiveForm = (typeof LIVE_FORMS)[number];

/** The value alone, or one row [interval start (Excel date-time on the market clock), value, state]. */
export type LiveResult = number | (number | string)[][];

export interface LiveInvocation {
  setResult(value: LiveResult | FunctionError): void;
  onCanceled?: () => void;
}

export interface LiveArgs {
  market: unknown;
  location: unknown;
  run?: unknown;
  product?: unknown;
  form?: unknown;
}

export function liveFormula(batcher: RequestBatcher, args: LiveArgs, invocation: LiveInvocation): void {
  let path: ApiUrl<'/latest'>;
  let form: LiveForm;
  try {
    path = apiPath('/latest', {
      market: requiredText(args.market, 'market', '"ERCOT"').toUpperCase(),
      location: requiredText(args.location, 'location', '"HB_NORTH"'),
      run: optionalText(args.run, 'run', '"RT"')?.toUpperCase(),
      product: optionalText(args.product, 'product', '"LMP"')?.toUpperCase(),
    });
    form = formOf(args.form);
  } catch (wrongArgument) {
    invocation.setResult(asFunctionError(wrongArgument));
    return;
  }
  streamLatest(() => apiGet(batcher, path), invocation, form);
}

function formOf(value: unknown): LiveForm {
  return optionalChoice(value, 'form', LIVE_FORMS, 'value', '"time"', `: "time" adds the interval's start and whether the value is old`);
}

export function streamLatest(fetchLatest: () => Promise<LatestResponse>, invocation: LiveInvocation, form: LiveForm = 'value'): void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: LatestResponse | undefined;
  invocation.onCanceled = () => {
    cancelled = true;
    clearTimeout(timer);
  };
  const poll = async (): Promise<void> => {
    let waitSeconds = RETRY_SECONDS;
    try {
      const latest = await fetchLatest();
      if (cancelled) return;
      last = latest;
      invocation.setResult(shown(latest, form));
      waitSeconds = Math.max(MIN_POLL_SECONDS, latest.pollSeconds || 0);
    } catch (failure) {
      if (cancelled) return;
      const error = asFunctionError(failure);
      // The first failure, before any price, is an error; later ones keep the last good price.
      if (!last) invocation.setResult(error);
      else if (form === 'time') invocation.setResult(shown(last, form, `old: the last update failed (${error.message ?? error.code})`));
    }
    timer = setTimeout(poll, waitSeconds * 1000);
  };
  void poll();
}

function shown(latest: LatestResponse, form: LiveForm, failed?: string): LiveResult {
  if (form === 'value') return latest.value;
  return [[serialFromIsoWallTime(latest.start), latest.value, failed ?? age(latest)]];
}

/** "live", or "old: ..." when the market has published no newer interval for STALE_POLLS poll periods. */
function age(latest: LatestResponse): string {
  const pollMs = Math.max(MIN_POLL_SECONDS, latest.pollSeconds || 0) * 1000;
  const behindMs = Date.now() - Date.parse(latest.end);
  if (behindMs <= STALE_POLLS * pollMs) return 'live';
  return `old: no newer interval for ${Math.round(behindMs / 60_000)} minutes`;
}

/**
 * Excel's streaming handle for a function declared to return a matrix (so the "time" form can
 * spill): the value form's number is written as a 1x1 matrix, which Excel shows as one value.
 */
export function spilling(excel: { setResult(value: never): void; onCanceled?: () => void }): LiveInvocation {
  const setResult = excel.setResult.bind(excel) as (value: unknown) => void;
  return {
    setResult: (value) => setResult(typeof value === 'number' ? [[value]] : value),
    get onCanceled() {
      return excel.onCanceled;
    },
    set onCanceled(handler) {
      excel.onCanceled = handler;
    },
  };
}
