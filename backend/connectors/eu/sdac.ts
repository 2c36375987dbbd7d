/**
 * The Single Day-Ahead Coupling (SDAC) moved from hourly to 15-minute market time units with
 * delivery day 2025-10-01 (Nord Pool, EPEX and ENTSO-E all publish 15-minute prices from that day).
 */
export const SDAC_15MIN_FROM = '2025-10-01';

/** The SDAC market time unit, in minutes, of a delivery day (`YYYY-MM-DD`). */
export function sdacMtuMinutes(day: string): 15 | 60 {
  return day < SDAC_15MIN_FROM ? 60 : 15;
}
