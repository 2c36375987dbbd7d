import { DISCONTINUED, EURO, GridError } from '../../domain';
import { addDays } from '../../time/clock';

/** An ECB fixing: units of a currency per 1 EUR on `rateDate` (`YYYY-MM-DD`). */
export interface Fixing {
  rateDate: string;
  rate: number;
}

/** The last fixing of a currency ON OR BEFORE the date (never a later one), or undefined. */
export type FixingLookup = (currency: string, date: string) => Fixing | undefined;

export interface CrossRate {
  from: string;
  to: string;
  date: string;
  /** Units of `to` per 1 `from`. */
  rate: number;
  /** The fixings used (absent for EUR, which is 1 by definition). */
  fromFixing?: Fixing;
  toFixing?: Fixing;
}

/**
 * How far before the asked date the last fixing may lie: weekends and TARGET holidays (Easter, Christmas)
 * leave gaps of up to 4 days, plus the hours before the 16:00 CET publication.
 */
export const MAX_FIXING_AGE_DAYS = 6;

/**
 * Units of `to` per 1 `from` on `date`, through EUR: rate(to) / rate(from), each the last ECB fixing on or
 * before the date. EUR/EUR is 1. A currency whose last fixing is more than MAX_FIXING_AGE_DAYS before the
 * date (BGN after 2025-12-31, HRK after 2022-12-30) is an error naming when it ended.
 */
export function crossRate(from: string, to: string, date: string, lookup: FixingLookup): CrossRate {
  const a = from.toUpperCase();
  const b = to.toUpperCase();
  const fromFixing = a === EURO ? undefined : fixingOf(a, date, lookup);
  const toFixing = b === EURO ? undefined : fixingOf(b, date, lookup);
  const rate = a === b ? 1 : (toFixing?.rate ?? 1) / (fromFixing?.rate ?? 1);
  return { from: a, to: b, date, rate, fromFixing, toFixing };
}

function fixingOf(currency: string, date: string, lookup: FixingLookup): Fixing {
  const fixing = lookup(currency, date);
  if (!fixing)
    throw new GridError(
      'NO_DATA',
      `No ECB reference rate for ${currency} on or before ${date}.${DISCONTINUED[currency] ? '' : ' Check the currency code, or load the ECB rates for that date.'}`,
    );
  if (fixing.rateDate > date)
    throw new GridError(
      'INTERNAL',
      `The rate lookup returned the ${currency} fixing of ${fixing.rateDate} for ${date}; only fixings on or before the date may be used.`,
    );
  if (!(fixing.rate > 0) || !Number.isFinite(fixing.rate))
    throw new GridError('NO_DATA', `The ECB rate of ${currency} on ${fixing.rateDate} is not usable (${fixing.rate}).`);
  if (addDays(fixing.rateDate, MAX_FIXING_AGE_DAYS) < date) {
    const why = DISCONTINUED[currency];
    throw new GridError(
      'NO_DATA',
      why
        ? `The ECB stopped publishing ${currency} after ${fixing.rateDate} (${why}); there is no rate for ${date}.`
        : `The last ECB rate for ${currency} is from ${fixing.rateDate}, more than ${MAX_FIXING_AGE_DAYS} days before ${date}; the ECB has not published it since, or the rates after that date are not loaded.`,
    );
  }
  return fixing;
}
