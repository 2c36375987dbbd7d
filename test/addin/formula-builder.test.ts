import { buildFormula, fieldsOf, GRID_FUNCTIONS } from '../../addin/formula';

/** The builder writes the GRID functions with their arguments in Excel's order (functions/functions.ts). */

const chosen = { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', end: '2025-07-31' };

describe('the formula builder', () => {
  it('every function, its arguments in order, empty optional ones left out at the end', () => {
    expect(buildFormula('PRICE', { ...chosen, run: 'RT', product: 'CONGESTION', options: 'tz=UTC; headers=1' })).toBe(
      '=GRID.PRICE("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,31),"RT","CONGESTION","tz=UTC; headers=1")',
    );
    expect(buildFormula('AVG', { ...chosen, block: 'ONPEAK', run: 'DA' })).toBe(
      '=GRID.AVG("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,31),"ONPEAK","DA")',
    );
    // A one-day average: its start only; no block is ATC.
    expect(buildFormula('AVG', { ...chosen, end: '2025-07-01', run: 'RT' })).toBe('=GRID.AVG("PJM","WESTERN HUB",DATE(2025,7,1),,,"RT")');
    expect(buildFormula('LIVE', { ...chosen, run: 'RT5' })).toBe('=GRID.LIVE("PJM","WESTERN HUB","RT5")');
    expect(buildFormula('LOCATIONS', { ...chosen, search: 'HUB' })).toBe('=GRID.LOCATIONS("PJM","HUB")');
    expect(buildFormula('MARKETS', {})).toBe('=GRID.MARKETS()');
    expect(buildFormula('FX', { from: 'USD', to: 'JPY', start: '2025-05-09' })).toBe('=GRID.FX("USD","JPY",DATE(2025,5,9))');
    expect(buildFormula('QUALITY', { market: 'NEM', view: 'findings' })).toBe('=GRID.QUALITY("NEM",,,,,"findings")');
    expect(buildFormula('QUALITY', { ...chosen, end: '2025-07-01' })).toBe(
      '=GRID.QUALITY("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,1))',
    );
  });

  it('nothing while a required field is empty; quotes doubled', () => {
    expect(buildFormula('LMP', { market: 'PJM', start: '2025-07-01' })).toBeUndefined();
    expect(buildFormula('FX', { from: 'USD', to: '', start: '2025-05-09' })).toBeUndefined();
    expect(buildFormula('LMP', { ...chosen, start: '' })).toBeUndefined();
    expect(buildFormula('LOCATIONS', { market: 'PJM', search: 'A "B"' })).toBe('=GRID.LOCATIONS("PJM","A ""B""")');
  });

  it('each function names the fields it shows', () => {
    expect(GRID_FUNCTIONS.map((fn) => [fn, fieldsOf(fn).join(',')])).toEqual([
      ['LMP', 'market,location,start,end,run,product,options'],
      ['PRICE', 'market,location,start,end,run,product,options'],
      ['AVG', 'market,location,start,end,block,run,options'],
      ['LIVE', 'market,location,run,product'],
      ['LOCATIONS', 'market,search'],
      ['MARKETS', ''],
      ['FX', 'from,to,start'],
      ['QUALITY', 'market,location,start,end,run,view'],
    ]);
  });
});
