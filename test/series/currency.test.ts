import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { aggregateOf, cleanEnv, fxOf, seriesOf } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const JEPX = 'jepx/spot_summary_2026_FY2026_to_2026-04-19.csv';
const ECB = 'ecb/eurofxref_2026-04-13.csv';

// From eurofxref_2026-04-13.csv: 1 EUR = 1.1684 USD = 186.75 JPY.
const USD_PER_EUR = 1.1684;
const JPY_PER_EUR = 186.75;

describeShared([JEPX, ECB])('currency conversion at the ECB rate of each market date (offline, imported files)', () => {
  let app: App;
  beforeAll(async () => {
    app = createApp({ env: cleanEnv(), config: { offline: true } });
    await app.importFile(sharedPath(JEPX));
    await app.importFile(sharedPath(ECB));
  });
  afterAll(() => app.close());

  test('JEPX TOKYO in EUR per MWh, with the rate date in the metadata', async () => {
    const s = await seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-13', currency: 'EUR', unit: 'MWh' });
    expect(s.currency).toBe('EUR');
    expect(s.unit).toBe('MWh');
    expect(s.points).toHaveLength(48);
    // Slot 1 of 2026-04-13 in the file: 17.28 JPY/kWh; slot 2: 16.97.
    expect(s.points[0].value).toBeCloseTo((17.28 * 1000) / JPY_PER_EUR, 9);
    expect(s.points[1].value).toBeCloseTo((16.97 * 1000) / JPY_PER_EUR, 9);
    expect(s.conversion).toEqual({
      from: 'JPY',
      to: 'EUR',
      rates: [{ date: '2026-04-13', rateDate: '2026-04-13', rate: expect.closeTo(1 / JPY_PER_EUR, 12) }],
    });
  });

  test('a cross rate through EUR, and a later day uses the last earlier fixing', async () => {
    const s = await seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-15', currency: 'USD' });
    expect(s.conversion!.rates[0]).toMatchObject({ date: '2026-04-15', rateDate: '2026-04-13' });
    expect(s.conversion!.rates[0].rate).toBeCloseTo(USD_PER_EUR / JPY_PER_EUR, 12);
    expect(s.unit).toBe('kWh');
  });

  test('never a later fixing: a day before the first fixing in the cache is refused', async () => {
    await expect(seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-12', currency: 'EUR' })).rejects.toMatchObject({
      code: 'NOT_CACHED',
    });
  });

  test('GET /fx answers a pair through EUR', async () => {
    const body = await fxOf(app, { from: 'USD', to: 'JPY', date: '2026-04-14' });
    expect(body.rateDate).toBe('2026-04-13');
    expect(body.rate).toBeCloseTo(JPY_PER_EUR / USD_PER_EUR, 10);
    const pair = await fxOf(app, { pair: 'EURUSD', date: '2026-04-13' });
    expect(pair.rate).toBe(USD_PER_EUR);
  });

  test('an FX pair is a location: EURUSD and USDJPY on the fixing day, nothing on days without a fixing', async () => {
    const eurusd = await seriesOf(app, { market: 'FX', location: 'EURUSD', start: '2026-04-13', end: '2026-04-15' });
    expect(eurusd).toMatchObject({ location: 'EURUSD', currency: 'USD', unit: 'EUR' });
    expect(eurusd.points).toEqual([{ start: '2026-04-13T00:00:00+02:00', end: '2026-04-14T00:00:00+02:00', value: USD_PER_EUR }]);
    const usdjpy = await seriesOf(app, { market: 'FX', location: 'usd/jpy', start: '2026-04-13' });
    expect(usdjpy.points[0].value).toBeCloseTo(JPY_PER_EUR / USD_PER_EUR, 10);
    const plain = await seriesOf(app, { market: 'FX', location: 'JPY', start: '2026-04-13' });
    expect(plain.points[0].value).toBe(JPY_PER_EUR);
  });

  test('block averages convert too (JEPX base in EUR)', async () => {
    const a = await aggregateOf(app, { market: 'JEPX', location: 'SYSTEM', start: '2026-04-13', block: 'BASE', currency: 'EUR' });
    expect(a.count).toBe(48);
    expect(a.currency).toBe('EUR');
  });

  test('a wrong currency code or unit is a clear error', async () => {
    await expect(seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-13', currency: 'EURO' })).rejects.toThrow(
      /currency=EURO is not a currency code/,
    );
    await expect(seriesOf(app, { market: 'JEPX', location: 'TOKYO', start: '2026-04-13', unit: 'GJ' })).rejects.toThrow(
      /unit=GJ is not valid: unit is one of MWh, kWh/,
    );
    await expect(
      seriesOf(app, { market: 'JEPX', location: 'SYSTEM', product: 'CONTRACT_VOLUME', start: '2026-04-13', unit: 'MWh' }),
    ).rejects.toThrow(/unit=MWh cannot apply here: this series is in kWh and is not a price/);
  });
});

const NORDPOOL_SEK = 'nordpool/DayAheadPriceIndices_SE3_SEK_2025-10-01_PT15M.json';

describeShared(NORDPOOL_SEK)('a series the cache holds only in another currency', () => {
  test('a Nord Pool file served in SEK answers in SEK, asked or not', async () => {
    const app = createApp({ env: cleanEnv(), config: { offline: true } });
    try {
      await app.importFile(sharedPath(NORDPOOL_SEK));
      for (const currency of [undefined, 'SEK']) {
        const s = await seriesOf(app, { market: 'NORDPOOL', location: 'SE3', start: '2025-10-01', currency });
        expect(s.currency).toBe('SEK');
        expect(s.points).toHaveLength(96);
        expect(s.points[0]).toEqual({ start: '2025-10-01T00:00:00+02:00', end: '2025-10-01T00:15:00+02:00', value: 556.68 });
      }
    } finally {
      await app.close();
    }
  });
});
