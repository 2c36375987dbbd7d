import { AS_PREFIX, GEN_PREFIX, LOAD_PRODUCT } from '../../../../contract';
import type { Report } from '../../types';
import { productsOf } from '../../shared/fundamentals';
import { misoMarket } from './market';
import { isLoadReport, parseAncillaryMcp, parseFuelMix, parseLoadReport, parseRealTimeTotalLoad, snapshotKind } from './parse-fundamentals';
import { loadReportDay, loadReportRequest, snapshotRequest } from './requests';

const LOAD = [LOAD_PRODUCT];

/**
 * The Forecasted and Actual Load report (`<YYYYMMDD>_df_al.xls`, one file per publication day):
 * actual load of the day before and MTLF of seven days, by local resource zone and the MISO total.
 * The hourly actual (run RTH) for D is read from the file of D + 1, FORECAST from the file of D (today's for a later day).
 */
export const misoLoadReport: Report = {
  id: 'miso.df_al',
  description: 'Actual load and MTLF by local resource zone and MISO total, hourly (market report <date>_df_al.xls)',
  runs: ['RTH', 'FORECAST'],
  products: LOAD,
  scope: 'market',
  // One file per publication day, every zone in it: no limits.
  provisional: true,
  request: (ctx) => loadReportRequest(loadReportDay(ctx.run, ctx.period.days[0], ctx.now ?? Date.now())),
  parse: parseLoadReport,
  detect: (file) => isLoadReport(file.bytes),
};

/** Today's load of the MISO total from the real-time API: five-minute actual, hourly MTLF and day-ahead cleared load. */
export const misoRealTimeLoad: Report = {
  id: 'miso.rt_total_load',
  description: "Today's MISO total load: five-minute actual, MTLF and day-ahead cleared load (public API RealTimeTotalLoad)",
  runs: ['ACTUAL', 'FORECAST', 'DA'],
  products: LOAD,
  scope: 'market',
  provisional: true,
  request: (ctx) => snapshotRequest('RealTimeTotalLoad', ctx),
  parse: parseRealTimeTotalLoad,
  detect: (file) => snapshotKind(file.head) === 'load',
};

/** The current five-minute interval's generation by fuel, MISO total (real-time API FuelMix). */
export const misoFuelMix: Report = {
  id: 'miso.fuel_mix',
  description: 'Generation by fuel of the current five-minute interval, MISO total (public API FuelMix)',
  runs: ['ACTUAL'],
  products: productsOf(misoMarket, GEN_PREFIX),
  scope: 'market',
  provisional: true,
  request: (ctx) => snapshotRequest('FuelMix', ctx),
  parse: parseFuelMix,
  detect: (file) => snapshotKind(file.head) === 'fuel',
};

/** The current real-time interval's and day-ahead hour's reserve MCPs by reserve zone (real-time API). */
export const misoAncillaryMcp: Report = {
  id: 'miso.as_mcp',
  description:
    'Ancillary-service MCPs by reserve zone: the current real-time interval and day-ahead hour (public API GetAncillaryServicesMcp)',
  runs: ['DA', 'RT5'],
  products: productsOf(misoMarket, AS_PREFIX),
  scope: 'market',
  provisional: true,
  request: (ctx) => snapshotRequest('MarketPricing/GetAncillaryServicesMcp', ctx),
  parse: parseAncillaryMcp,
  detect: (file) => snapshotKind(file.head) === 'mcp',
};

/** After the price reports: the load report first (it serves past days), then today's snapshots. */
export const misoFundamentalReports: Report[] = [misoLoadReport, misoRealTimeLoad, misoFuelMix, misoAncillaryMcp];
