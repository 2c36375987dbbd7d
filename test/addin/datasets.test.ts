import { stackSeries } from '../../addin/chart-data';
import { datasetsOf, previewLines } from '../../addin/datasets';
import { createApp } from '../../backend/app/create-app';
import type { App } from '../../backend/app/app';
import { unitText, type MarketSummary } from '../../contract';
import { cleanEnv } from '../support/app';

describe('the preview of fundamentals', () => {
  let app: App;
  let markets: MarketSummary[];
  const market = (id: string) => markets.find((m) => m.id === id)!;

  beforeAll(async () => {
    app = createApp({ env: cleanEnv() });
    markets = await app.markets();
  });
  afterAll(() => app.close());

  it('offers the datasets a market has, prices first', () => {
    expect(datasetsOf(market('ERCOT'))).toEqual(['price', 'load', 'generation', 'ancillary']);
    expect(datasetsOf(market('FX'))).toEqual(['price']);
  });

  it('asks a fuel mix per fuel on run ACTUAL, labelled by fuel', () => {
    const lines = previewLines(market('ERCOT'), 'generation');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((l) => l.run === 'ACTUAL' && l.product === `GEN_${l.label}`)).toBe(true);
    expect(lines.map((l) => l.label)).toEqual(expect.arrayContaining(['GAS', 'WIND', 'SOLAR', 'NUCLEAR']));
  });

  it('compares actual load with the forecast, and prices DA with the main real-time run', () => {
    expect(previewLines(market('PJM'), 'load').map((l) => [l.run, l.product])).toEqual([
      ['ACTUAL', 'LOAD'],
      ['FORECAST', 'LOAD'],
    ]);
    expect(previewLines(market('PJM'), 'price').map((l) => l.run)).toEqual(['DA', 'RTH']);
  });

  it('says MW for load and generation, currency per unit for prices and services', () => {
    expect(unitText({ currency: 'USD', unit: 'MW' })).toBe('MW');
    expect(unitText({ currency: 'USD', unit: 'MW' })).toBe('MW');
    expect(unitText({ currency: 'USD', unit: 'MWh' })).toBe('USD/MWh');
    expect(unitText({ currency: 'EUR', unit: 'MWh' })).toBe('EUR/MWh');
  });
});

describe('a fuel mix stacked', () => {
  it('adds each fuel onto the ones before it; a fuel without a value adds nothing; no value at all stays a gap', () => {
    const coal = [100, 110, null, null];
    const gas = [50, null, 70, null];
    const wind = [5, 6, 7, null];
    expect(stackSeries([coal, gas, wind])).toEqual([
      [100, 110, null, null],
      [150, 110, 70, null],
      [155, 116, 77, null],
    ]);
  });
});
