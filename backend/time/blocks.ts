import type { Block } from '../../contract';
import { type Clock, GridError } from '../domain';
import { marketDay, wallFields } from './clock';
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

/** A predicate telling whether an interval starting at `ms` is in the block for the market. */
export function blockFilter(market: string, block: Block): (ms: number) => boolean {
  const valid = blocksOf(market);
  if (!valid.includes(block))
    throw new GridError('BAD_REQUEST', `${market} does not define block "${block}". Blocks for ${market}: ${valid.join(', ')}.`);
  if (block === 'ATC' || block === 'BASE') return () => true;
  const def = DEFINITIONS[market];
  const peakHour = (ms: number) => {
    const h = wallFields(ms, def.zone).hour;
    return h >= def.fromHour && h < def.toHour;
  };
  const offDay = (ms: number) => def.nercHolidays && isNercHoliday(marketDay(ms, def.zone));
  const weekday = (ms: number) => wallFields(ms, def.zone).weekday;
  const peakDay = (ms: number) => def.peakWeekdays.includes(weekday(ms)) && !offDay(ms);
  const onPeak = (ms: number) => peakDay(ms) && peakHour(ms);
  switch (block) {
    case 'ONPEAK':
    case 'PEAK':
      return onPeak;
    case 'OFFPEAK':
      return (ms) => !onPeak(ms);
    case '5X16':
      return (ms) => peakHour(ms) && weekday(ms) <= 5 && !offDay(ms);
    case '6X16':
      return (ms) => peakHour(ms) && weekday(ms) <= 6 && !offDay(ms);
    case '2X16':
      return (ms) => peakHour(ms) && (weekday(ms) >= 6 || offDay(ms));
    case '7X8':
      return (ms) => !peakHour(ms);
    default:
      throw new GridError('BAD_REQUEST', `${market} does not define block "${block}".`);
  }
}
