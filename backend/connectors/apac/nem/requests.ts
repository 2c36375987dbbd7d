import type { HttpRequest } from '../../../http/types';
import { NEMWEB } from './market';

/** The NEMWeb folders gridcell reads (IIS directory listings of zips). */
export const NEMWEB_FOLDERS = {
  dispatchIs: 'Current/DispatchIS_Reports',
  tradingIs: 'Current/TradingIS_Reports',
  publicPrices: 'Current/Public_Prices',
  tradingIsArchive: 'ARCHIVE/TradingIS_Reports',
  dispatchIsArchive: 'ARCHIVE/DispatchIS_Reports',
  operationalDemandForecast: 'Current/Operational_Demand/FORECAST_HH',
} as const;

export function listingRequest(folder: string): HttpRequest {
  return { url: `${NEMWEB}/Reports/${folder}/` };
}

export function fileRequest(url: string): HttpRequest {
  return { url };
}

/** aemo.com.au's price-and-demand feed (the one behind the NEM dashboard). */
export function fiveMinuteRequest(): HttpRequest {
  return {
    method: 'POST',
    url: 'https://visualisations.aemo.com.au/aemo/apps/api/report/5MIN',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ timeScale: ['5MIN'] }),
  };
}
