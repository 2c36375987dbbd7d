import { fxConnector } from '../../backend/connectors/fx/ecb';
import { marketDay } from '../../backend/time/clock';
import { crossRate, MAX_FIXING_AGE_DAYS, type FixingLookup } from '../../backend/series/currency/cross-rate';
import { currencyPair, GridError } from '../../backend/domain';
import { describeShared, readOwn, readShared } from '../support/fixtures';

/** A lookup over parsed ECB points, the way the store will answer it: last fixing on or before the date. */
function lookupOf(...files: Buffer[]): FixingLookup {
  const byCurrency = new Map<string, { date: string; rate: number }[]>();
  for (const file of files) {
    for (const p of fxConnector.reports[0].parse(file, { market: fxConnector.market, source: 'test' }).points) {
      const list = byCurrency.get(p.location) ?? [];
      list.push({ date: marketDay(p.start, 'Europe/Berlin'), rate: p.value });
      byCurrency.set(p.location, list);
    }
  }
  return (currency, date) => {
    const onOrBefore = (byCurrency.get(currency) ?? []).filter((f) => f.date <= date);
    const hit = onOrBefore.reduce<{ date: string; rate: number } | undefined>(
      (last, f) => (!last || f.date > last.date ? f : last),
      undefined,
    );
    return hit && { rateDate: hit.date, rate: hit.rate };
  };
}

describe('currencyPair', () => {
  it('reads the usual spellings', () => {
    expect(currencyPair('EURUSD')).toEqual({ from: 'EUR', to: 'USD' });
    expect(currencyPair('USDJPY')).toEqual({ from: 'USD', to: 'JPY' });
    expect(currencyPair('usd/jpy')).toEqual({ from: 'USD', to: 'JPY' });
    expect(currencyPair(' gbp-usd ')).toEqual({ from: 'GBP', to: 'USD' });
    expect(currencyPair('EUR USD')).toEqual({ from: 'EUR', to: 'USD' });
  });

  it('refuses what is not a pair of two different currencies the ECB publishes', () => {
    for (const bad of ['EURUS', 'EUR/USDX', 'E1RUSD', '', 'EUR//USD', 'EUREUR', 'XYZUSD', 'WESTERN HUB'])
      expect(currencyPair(bad)).toBeUndefined();
  });
});

describeShared('ecb/eurofxref-daily_2025-05-09.xml')('crossRate on the real fixing of 2025-05-09', () => {
  let lookup: FixingLookup;
  beforeAll(() => {
    lookup = lookupOf(readShared('ecb/eurofxref-daily_2025-05-09.xml'));
  });

  it('EUR/EUR is 1', () => {
    expect(crossRate('EUR', 'EUR', '2025-05-09', () => undefined).rate).toBe(1);
  });

  it('EURUSD is the fixing itself, USDEUR its inverse', () => {
    expect(crossRate('EUR', 'USD', '2025-05-09', lookup).rate).toBe(1.1252);
    expect(crossRate('USD', 'EUR', '2025-05-09', lookup).rate).toBeCloseTo(0.888730892285816, 12); // 1 / 1.1252
  });

  it('USDJPY = JPY / USD = 163.36 / 1.1252', () => {
    const usdjpy = crossRate('USD', 'JPY', '2025-05-09', lookup);
    expect(usdjpy.rate).toBeCloseTo(145.18307856381088, 9);
    expect(usdjpy.fromFixing).toEqual({ rateDate: '2025-05-09', rate: 1.1252 });
    expect(usdjpy.toFixing).toEqual({ rateDate: '2025-05-09', rate: 163.36 });
  });

  it('GBPUSD = 1.1252 / 0.84770, and same-currency pairs are 1', () => {
    expect(crossRate('gbp', 'usd', '2025-05-09', lookup).rate).toBeCloseTo(1.3273563760764422, 9);
    expect(crossRate('USD', 'USD', '2025-05-09', lookup).rate).toBe(1);
  });

  it("uses Friday's fixing over the weekend", () => {
    const saturday = crossRate('USD', 'JPY', '2025-05-10', lookup);
    expect(saturday.rate).toBeCloseTo(145.18307856381088, 9);
    expect(saturday.fromFixing?.rateDate).toBe('2025-05-09');
  });

  it('never uses a fixing from after the date', () => {
    expect(() => crossRate('USD', 'JPY', '2025-05-08', lookup)).toThrow(/No ECB reference rate for USD on or before 2025-05-08/);
    const cheating: FixingLookup = () => ({ rateDate: '2025-05-09', rate: 1.1252 });
    expect(() => crossRate('USD', 'JPY', '2025-05-08', cheating)).toThrow(/only fixings on or before the date may be used/);
  });

  it('says when the rates are older than a few days', () => {
    expect(() => crossRate('USD', 'EUR', '2025-05-20', lookup)).toThrow(
      /last ECB rate for USD is from 2025-05-09, more than 6 days before 2025-05-20/,
    );
    expect(crossRate('USD', 'EUR', '2025-05-15', lookup).fromFixing?.rateDate).toBe('2025-05-09');
  });

  it('names an unknown currency', () => {
    expect(() => crossRate('USD', 'XAU', '2025-05-09', lookup)).toThrow(GridError);
    expect(() => crossRate('USD', 'XAU', '2025-05-09', lookup)).toThrow(/No ECB reference rate for XAU/);
  });
});

describe('crossRate for currencies the ECB stopped (our written history fixture)', () => {
  const lookup = lookupOf(readOwn('fx/eurofxref-hist_written.csv'));

  it('BGN runs to 2025-12-31, then ends', () => {
    expect(crossRate('EUR', 'BGN', '2025-12-31', lookup).rate).toBe(1.9558);
    // 2026-01-02 is within a few days of the last fixing: still 2025-12-31's rate
    expect(crossRate('BGN', 'USD', '2026-01-02', lookup).rate).toBeCloseTo(0.599243276408631, 12); // 1.1720 / 1.9558
    expect(MAX_FIXING_AGE_DAYS).toBe(6);
    expect(() => crossRate('EUR', 'BGN', '2026-01-15', lookup)).toThrow(
      /The ECB stopped publishing BGN after 2025-12-31 \(Bulgaria adopted the euro on 2026-01-01\); there is no rate for 2026-01-15/,
    );
  });

  it('HRK ends on 2022-12-30', () => {
    expect(crossRate('HRK', 'EUR', '2022-12-30', lookup).rate).toBeCloseTo(0.132687587076229, 12); // 1 / 7.5365
    expect(() => crossRate('USD', 'HRK', '2025-03-28', lookup)).toThrow(
      /The ECB stopped publishing HRK after 2022-12-30 \(Croatia adopted the euro on 2023-01-01\)/,
    );
  });
});
