/** Every currency the ECB has published a euro reference rate for, in the order of eurofxref-hist.csv. */
export const ECB_CURRENCIES = [
  'USD', 'JPY', 'BGN', 'CYP', 'CZK', 'DKK', 'EEK', 'GBP', 'HUF', 'LTL', 'LVL', 'MTL', 'PLN', 'ROL', 'RON', 'SEK', 'SIT',
  'SKK', 'CHF', 'ISK', 'NOK', 'HRK', 'RUB', 'TRL', 'TRY', 'AUD', 'BRL', 'CAD', 'CNY', 'HKD', 'IDR', 'ILS', 'INR', 'KRW',
  'MXN', 'MYR', 'NZD', 'PHP', 'SGD', 'THB', 'ZAR',
] as const;

/** Why the ECB no longer fixes a currency (its last fixing date comes from the data itself). */
export const DISCONTINUED: Record<string, string> = {
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
