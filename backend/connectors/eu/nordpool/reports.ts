import type { Report } from '../../types';
import { parseDayAheadPriceIndices, parseDayAheadPrices } from './parse';
import { dayAheadPriceIndicesRequest, dayAheadPricesRequest } from './requests';

export const dayAheadPrices: Report = {
  id: 'nordpool.day_ahead_prices',
  description: 'Nord Pool Data Portal DayAheadPrices, one delivery area per request',
  runs: ['DA'],
  products: ['LMP'],
  scope: 'location',
  request: dayAheadPricesRequest,
  parse: parseDayAheadPrices,
  detect: (file) => /"multiAreaEntries"\s*:/.test(file.head) && /"deliveryDateCET"\s*:/.test(file.head),
};

export const dayAheadPriceIndices: Report = {
  id: 'nordpool.day_ahead_price_indices',
  description: 'Nord Pool Data Portal DayAheadPriceIndices (the same area prices as indices), one area per request',
  runs: ['DA'],
  products: ['LMP'],
  scope: 'location',
  request: dayAheadPriceIndicesRequest,
  parse: parseDayAheadPriceIndices,
  detect: (file) => /"multiIndexEntries"\s*:/.test(file.head) && /"deliveryDateCET"\s*:/.test(file.head),
};
