import type { MarketDay } from '../../domain';

/** A market's published price cap and floor from a market day on (the latest entry not after a day applies). */
interface PriceLimit {
  from: MarketDay;
  cap?: number;
  floor?: number;
}

/**
 * Each market's own limits on its energy price, in its currency per MWh. Only markets whose
 * rules bound the published price itself are listed; nodal LMPs elsewhere may legitimately go
 * beyond offer caps through congestion and shortage pricing.
 */
const LIMITS: Record<string, PriceLimit[]> = {
  // AEMC market price settings (NER 3.9.4, reliability settings), financial years from 1 July:
  // market price cap 14,700 (2019-20), 15,000 (2020-21), 15,100 (2021-22), 15,500 (2022-23),
  // 16,600 (2023-24), 17,500 (2024-25), 20,300 (2025-26, the 2023 rule change); floor -1,000 AUD/MWh.
  NEM: [
    { from: '2019-07-01', cap: 14_700, floor: -1_000 },
    { from: '2020-07-01', cap: 15_000, floor: -1_000 },
    { from: '2021-07-01', cap: 15_100, floor: -1_000 },
    { from: '2022-07-01', cap: 15_500, floor: -1_000 },
    { from: '2023-07-01', cap: 16_600, floor: -1_000 },
    { from: '2024-07-01', cap: 17_500, floor: -1_000 },
    { from: '2025-07-01', cap: 20_300, floor: -1_000 },
  ],
  // AESO ISO rules section 201.6: pool price floor $0, cap $999.99/MWh.
  AESO: [{ from: '2000-01-01', cap: 999.99, floor: 0 }],
  // IESO market rules: maximum market clearing price $2,000/MWh, minimum -$100/MWh.
  IESO: [{ from: '2002-05-01', cap: 2_000, floor: -100 }],
  // PUCT 25.505: ERCOT's system-wide offer cap (HCAP) $9,000/MWh until 2021, $5,000/MWh from 2022-01-01.
  ERCOT: [
    { from: '2015-06-01', cap: 9_000 },
    { from: '2022-01-01', cap: 5_000 },
  ],
};

/** The cap and floor on a market day, where the market publishes them. */
export function priceLimitOn(market: string, day: MarketDay): PriceLimit | undefined {
  let found: PriceLimit | undefined;
  for (const limit of LIMITS[market] ?? []) if (limit.from <= day) found = limit;
  return found;
}
