import type { Block } from '../../contract';
import { type Clock, GridError, type MarketDay } from '../domain';
import { dayBounds, daysBetween, marketDay, wallFields } from './clock';
import { isNercHoliday } from './holidays';

/**
 * A market's peak definition: the wall clock it is defined on, the peak hours as hour-beginning
 * [from, to), the weekdays (ISO 1 Monday .. 7 Sunday) of its standard peak contract, and whether
 * NERC holidays are off-peak. Intervals are classified by their start.
 */
interface PeakDefinition {
  zone: Clock;
  fromHour: number;
  toHour: number;
  peakWeekdays: number[];
  nercHolidays: boolean;
  blocks: Block[];
}

const US_BLOCKS: Block[] = ['ATC', 'ONPEAK', 'OFFPEAK', '5X16', '6X16', '2X16', '7X8'];
const EU_BLOCKS: Block[] = ['BASE', 'PEAK', 'OFFPEAK', 'ATC'];
const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];

const DEFINITIONS: Record<string, PeakDefinition> = {
  // CME PJM Western Hub Peak: Monday-Friday, hours ending 0800-2300 EPT, excluding NERC holidays.
  PJM: { zone: 'America/New_York', fromHour: 7, toHour: 23, peakWeekdays: MON_FRI, nercHolidays: true, blocks: US_BLOCKS },
  // CME MISO Indiana Hub Peak: Monday-Friday, hours ending 0800-2300 EPT, excluding NERC holidays.
  MISO: { zone: 'America/New_York', fromHour: 7, toHour: 23, peakWeekdays: MON_FRI, nercHolidays: true, blocks: US_BLOCKS },
  // CME NYISO Zone J/G Peak: Monday-Friday, hours ending 0800-2300 EPT, excluding NERC holidays.
  NYISO: { zone: 'America/New_York', fromHour: 7, toHour: 23, peakWeekdays: MON_FRI, nercHolidays: true, blocks: US_BLOCKS },
  // CME ISO-NE Mass Hub Peak: Monday-Friday, hours ending 0800-2300 EPT, excluding NERC holidays.
  ISONE: { zone: 'America/New_York', fromHour: 7, toHour: 23, peakWeekdays: MON_FRI, nercHolidays: true, blocks: US_BLOCKS },
  // CME ERCOT North 345 kV Hub Peak: Monday-Friday, hours ending 0700-2200 CPT, excluding NERC holidays.
  ERCOT: { zone: 'America/Chicago', fromHour: 6, toHour: 22, peakWeekdays: MON_FRI, nercHolidays: true, blocks: US_BLOCKS },
  // SPP forward peak (CME SPP North/South Hub Peak): Monday-Friday, hours ending 0700-2200 CPT, excluding NERC holidays.
  SPP: { zone: 'America/Chicago', fromHour: 6, toHour: 22, peakWeekdays: MON_FRI, nercHolidays: true, blocks: US_BLOCKS },
  // ICE/CME SP15 and NP15 Peak (WECC): Monday-Saturday, hours ending 0700-2200 PPT, excluding NERC holidays.
  CAISO: { zone: 'America/Los_Angeles', fromHour: 6, toHour: 22, peakWeekdays: MON_SAT, nercHolidays: true, blocks: US_BLOCKS },
  // EEX Phelix/French/... Peak futures: Monday-Friday 08:00-20:00 CET/CEST, holidays included.
  EPEX: { zone: 'Europe/Berlin', fromHour: 8, toHour: 20, peakWeekdays: MON_FRI, nercHolidays: false, blocks: EU_BLOCKS },
  // Nasdaq/Nord Pool Nordic peak (EEX Nordic Peak): Monday-Friday 08:00-20:00 CET/CEST, holidays included.
  NORDPOOL: { zone: 'Europe/Oslo', fromHour: 8, toHour: 20, peakWeekdays: MON_FRI, nercHolidays: false, blocks: EU_BLOCKS },
  // ASX Energy peak load contracts: 07:00-22:00 AEST Monday-Friday (public holidays not excluded here).
  NEM: { zone: 'UTC+10', fromHour: 7, toHour: 22, peakWeekdays: MON_FRI, nercHolidays: false, blocks: EU_BLOCKS },
  // EEX/TOCOM Japanese power futures, peak load: 08:00-20:00 JST Monday-Friday (Japanese holidays not excluded here).
  JEPX: { zone: 'Asia/Tokyo', fromHour: 8, toHour: 20, peakWeekdays: MON_FRI, nercHolidays: false, blocks: EU_BLOCKS },
  // AESO market reports: on-peak is HE 08 to HE 23 Mountain time, every day of the week.
  AESO: {
    zone: 'America/Edmonton',
    fromHour: 7,
    toHour: 23,
    peakWeekdays: [1, 2, 3, 4, 5, 6, 7],
    nercHolidays: false,
    blocks: ['ATC', 'ONPEAK', 'OFFPEAK'] as Block[],
  },
  // IESO on-peak for Ontario price statistics: HE 08 to HE 23 EST on weekdays (holidays not excluded here).
  IESO: {
    zone: 'UTC-5',
    fromHour: 7,
    toHour: 23,
    peakWeekdays: MON_FRI,
    nercHolidays: false,
    blocks: ['ATC', 'ONPEAK', 'OFFPEAK'] as Block[],
  },
};

/** Daily or sparser series (gas, FX, EU ETS auctions) only average over all their values. */
const ONLY_ATC: Block[] = ['ATC'];

export function blocksOf(market: string): Block[] {
  return DEFINITIONS[market]?.blocks ?? ONLY_ATC;
}

const ALL_HOURS = 0xffffff;

/** The hours [from, to) as a 24-bit mask (bit h: the hour beginning at h). */
function hoursMask(from: number, to: number): number {
  return ((1 << to) - 1) & ~((1 << from) - 1);
}

/**
 * The hours of one wall-clock day (on the definition's zone) that are in a block, as a 24-bit
 * mask: a block is classified by the day and the hour its interval starts in.
 */
function blockMask(market: string, block: Block): (day: MarketDay) => number {
  const valid = blocksOf(market);
  if (!valid.includes(block))
    throw new GridError('BAD_REQUEST', `${market} does not define block "${block}". Blocks for ${market}: ${valid.join(', ')}.`);
  if (block === 'ATC' || block === 'BASE') return () => ALL_HOURS;
  const def = DEFINITIONS[market];
  const peak = hoursMask(def.fromHour, def.toHour);
  const weekdayOf = (day: MarketDay) => wallFields(dayBounds(day, 'UTC').start, 'UTC').weekday;
  const offDay = (day: MarketDay) => def.nercHolidays && isNercHoliday(day);
  const onPeak = (day: MarketDay) => (def.peakWeekdays.includes(weekdayOf(day)) && !offDay(day) ? peak : 0);
  switch (block) {
    case 'ONPEAK':
    case 'PEAK':
      return onPeak;
    case 'OFFPEAK':
      return (day) => ALL_HOURS & ~onPeak(day);
    case '5X16':
      return (day) => (weekdayOf(day) <= 5 && !offDay(day) ? peak : 0);
    case '6X16':
      return (day) => (weekdayOf(day) <= 6 && !offDay(day) ? peak : 0);
    case '2X16':
      return (day) => (weekdayOf(day) >= 6 || offDay(day) ? peak : 0);
    case '7X8':
      return () => ALL_HOURS & ~peak;
    default:
      throw new GridError('BAD_REQUEST', `${market} does not define block "${block}".`);
  }
}

/** A predicate telling whether an interval starting at `ms` is in the block for the market. */
export function blockFilter(market: string, block: Block): (ms: number) => boolean {
  const maskOf = blockMask(market, block);
  const zone = DEFINITIONS[market]?.zone ?? 'UTC';
  const masks = new Map<MarketDay, number>();
  const remembered = (day: MarketDay) => {
    let mask = masks.get(day);
    if (mask === undefined) masks.set(day, (mask = maskOf(day)));
    return mask;
  };
  return (ms) => inBlockHours(zone, remembered, ms);
}

/**
 * Whether an interval starting at `ms` is in a block given by each wall day's hour mask on `zone`;
 * `day` is the wall day of `ms` there, for a caller that has it already.
 */
export function inBlockHours(zone: string, maskOf: (day: MarketDay) => number, ms: number, day = marketDay(ms, zone)): boolean {
  return ((maskOf(day) >>> wallFields(ms, zone).hour) & 1) === 1;
}

/**
 * A block over the days of a range as data (the zone it is defined on and each wall day's hour
 * mask), for a store to filter intervals by itself.
 */
export function blockHours(market: string, block: Block, fromMs: number, toMs: number): { zone: string; days: Map<MarketDay, number> } {
  const mask = blockMask(market, block);
  const zone = DEFINITIONS[market]?.zone ?? 'UTC';
  const days = new Map<MarketDay, number>();
  for (const day of daysBetween(marketDay(fromMs, zone), marketDay(toMs - 1, zone))) days.set(day, mask(day));
  return { zone: ianaZone(zone), days };
}

/** A fixed offset clock (`UTC+10`) by its IANA name (`Etc/GMT-10`: the sign is POSIX's, reversed). */
function ianaZone(clock: Clock): string {
  const m = /^UTC([+-])(\d{1,2})$/.exec(clock);
  return m ? `Etc/GMT${m[1] === '+' ? '-' : '+'}${Number(m[2])}` : clock;
}
