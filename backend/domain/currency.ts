import { CURRENCY_CODE } from '../../contract';

/** Every currency the ECB has published a euro reference rate for, in the order of eurofxref-hist.csv. */
export const ECB_CURRENCIES = [
  'USD',
  'JPY',
  'BGN',
  'CYP',
  'CZK',
  'DKK',
  'EEK',
  'GBP',
  'HUF',
  'LTL',
  'LVL',
  'MTL',
  'PLN',
  'ROL',
  'RON',
  'SEK',
  'SIT',
  'SKK',
  'CHF',
  'ISK',
  'NOK',
  'HRK',
  'RUB',
  'TRL',
  'TRY',
  'AUD',
  'BRL',
  'CAD',
  'CNY',
  'HKD',
  'IDR',
  'ILS',
  'INR',
  'KRW',
  'MXN',
  'MYR',
  'NZD',
  'PHP',
  'SGD',
  'THB',
  'ZAR',
] as const;

export const EURO = 'EUR';

/** Why the ECB no longer fixes a currency (its last fixing date comes from the data itself). */
export const DISCONTINUED: Readonly<Record<string, string>> = {
  BGN: 'Bulgaria adopted the euro on 2026-01-01',
  HRK: 'Croatia adopted the euro on 2023-01-01',
  LTL: 'Lithuania adopted the euro on 2015-01-01',
  LVL: 'Latvia adopted the euro on 2014-01-01',
  EEK: 'Estonia adopted the euro on 2011-01-01',
  SKK: 'Slovakia adopted the euro on 2009-01-01',
  CYP: 'Cyprus adopted the euro on 2008-01-01',
  MTL: 'Malta adopted the euro on 2008-01-01',
  SIT: 'Slovenia adopted the euro on 2007-01-01',
  RUB: 'the ECB suspended the rouble rate in March 2022',
  ROL: 'the leu was redenominated to RON in 2005',
  TRL: 'the lira was redenominated to TRY in 2005',
};

const CONVERTIBLE = new Set<string>([...ECB_CURRENCIES, EURO]);

/** Whether gridcell can convert to and from the currency (the euro or an ECB currency). */
export function isConvertible(code: string): boolean {
  return CONVERTIBLE.has(code);
}

export interface CurrencyPair {
  from: string;
  to: string;
}

const PAIR = /^\s*([a-z]{3})\s*[/\-_: ]?\s*([a-z]{3})\s*$/i;

/**
 * `EURUSD`, `USDJPY`, `usd/jpy`, `USD-JPY`, `usd jpy` -> { from, to } in upper case: two different
 * currencies gridcell can convert between. Anything else is undefined.
 */
export function currencyPair(text: string): CurrencyPair | undefined {
  const m = PAIR.exec(text);
  if (!m) return undefined;
  const [from, to] = [m[1].toUpperCase(), m[2].toUpperCase()];
  return CURRENCY_CODE.test(from) && isConvertible(from) && isConvertible(to) && from !== to ? { from, to } : undefined;
}
