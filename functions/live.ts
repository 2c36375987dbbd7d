import { apiGet, apiPath, type ApiUrl, type RequestBatcher } from '../client';
import type { LatestResponse } from '../contract';
import { optionalText, requiredText } from './args';
import { asFunctionError, type FunctionError } from './errors';

/** GRID.LIVE: the latest real-time price, polled at the pace the backend gives, until Excel cancels. */

export const MIN_POLL_SECONDS = 15;
/** Wait after a failed poll before asking again. */
export const RETRY_SECONDS = 60;

export interface LiveInvocation {
  setResult(value: number | FunctionError): void;
  onCanceled?: () => void;
}

export interface LiveArgs {
  market: unknown;
  location: unknown;
  run?: unknown;
  product?: unknown;
}

export function liveFormula(batcher: RequestBatcher, args: LiveArgs, invocation: LiveInvocation): void {
  let path: ApiUrl<'/latest'>;
  try {
    path = apiPath('/latest', {
      market: requiredText(args.market, 'market', '"ERCOT"').toUpperCase(),
      location: requiredText(args.location, 'location', '"HB_NORTH"'),
      run: optionalText(args.run, 'run', '"RT"')?.toUpperCase(),
      product: optionalText(args.product, 'product', '"LMP"')?.toUpperCase(),
    });
  } catch (wrongArgument) {
    invocation.setResult(asFunctionError(wrongArgument));
    return;
  }
  streamLatest(() => apiGet(batcher, path), invocation);
}

export function streamLatest(fetchLatest: () => Promise<LatestResponse>, invocation: LiveInvocation): void {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  invocation.onCanceled = () => {
    cancelled = true;
    clearTimeout(timer);
  };
  const poll = async (): Promise<void> => {
    let waitSeconds = RETRY_SECONDS;
    try {
      const latest = await fetchLatest();
      if (cancelled) return;
      invocation.setResult(latest.value);
      waitSeconds = Math.max(MIN_POLL_SECONDS, latest.pollSeconds || 0);
    } catch (failure) {
      if (cancelled) return;
      invocation.setResult(asFunctionError(failure));
    }
    timer = setTimeout(poll, waitSeconds * 1000);
  };
  void poll();
}
