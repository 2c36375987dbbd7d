import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_ARGUMENTS } from '../../addin/formula';
import { buildFormula, cellReference, fieldsOf, GRID_FUNCTIONS, isCellRef, sheetOf, stripBlocks, stripFormula } from '../../addin/formula';

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
      ['AVG', 'market,location,start,end,block,run,options,stat'],
      ['STRIP', 'market,location,period,blocks,run,options,stat,by'],
      ['LIVE', 'market,location,run,product,form'],
      ['STATUS', 'market,location,start,end,run,product'],
      ['LOCATIONS', 'market,search'],
      ['MARKETS', ''],
      ['FX', 'from,to,start'],
      ['QUALITY', 'market,location,start,end,run,view'],
      ['LOAD', 'market,location,start,end,run,options'],
      ['FUELMIX', 'market,location,start,end,options'],
      ['AS', 'market,location,product,start,end,run,options'],
    ]);
  });

  it('the arguments are those of functions/functions.ts, in its order', () => {
    const source = readFileSync(join(__dirname, '../../functions/functions.ts'), 'utf8');
    for (const fn of GRID_FUNCTIONS) {
      const doc = new RegExp(`@customfunction ${fn}\\n([\\s\\S]*?)\\*/`).exec(source)?.[1] ?? '';
      const params = [...doc.matchAll(/@param \[?(\w+)\]?/g)].map((m) => m[1]).filter((p) => p !== 'invocation');
      const builder = FUNCTION_ARGUMENTS[fn].map((a) => a.field);
      // The builder's FX date field is its start, GRID.AS's service its product; the rest are named as the function's parameters.
      const named = (f: string) => (fn === 'FX' && f === 'start' ? 'date' : fn === 'AS' && f === 'product' ? 'service' : f);
      expect([fn, builder.map(named)]).toEqual([fn, params]);
    }
  });

  it('STRIP, STATUS, LIVE form and AVG stat (written into the options, before what is typed)', () => {
    expect(buildFormula('STRIP', { market: 'PJM', location: 'WESTERN HUB', period: 'cal-2026', blocks: 'ONPEAK,OFFPEAK' })).toBe(
      '=GRID.STRIP("PJM","WESTERN HUB","CAL-2026","ONPEAK,OFFPEAK")',
    );
    expect(
      buildFormula('STRIP', { market: 'PJM', location: 'WESTERN HUB', period: 'Q3-2026', by: 'quarter', stat: 'max', run: 'RT' }),
    ).toBe('=GRID.STRIP("PJM","WESTERN HUB","Q3-2026",,"RT","stat=max; by=quarter")');
    // Not a period: no formula.
    expect(buildFormula('STRIP', { market: 'PJM', location: 'WESTERN HUB', period: '2026-13' })).toBeUndefined();
    expect(buildFormula('STRIP', { market: 'PJM', location: 'WESTERN HUB', period: 'MTD' })).toBeUndefined();
    expect(buildFormula('STATUS', { ...chosen, end: '2025-07-01', run: 'DA' })).toBe(
      '=GRID.STATUS("PJM","WESTERN HUB",DATE(2025,7,1),,"DA")',
    );
    expect(buildFormula('STATUS', { ...chosen, start: 'T-7', end: 't-1' })).toBe('=GRID.STATUS("PJM","WESTERN HUB","T-7","T-1")');
    expect(buildFormula('LIVE', { ...chosen, form: 'time' })).toBe('=GRID.LIVE("PJM","WESTERN HUB",,,"time")');
    expect(buildFormula('AVG', { ...chosen, stat: 'max', options: 'stat=min; currency=EUR' })).toBe(
      '=GRID.AVG("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,31),,,"stat=max; currency=EUR")',
    );
    // stat is AVG's and STRIP's: the series functions do not write it.
    expect(buildFormula('LMP', { ...chosen, stat: 'max' })).toBe('=GRID.LMP("PJM","WESTERN HUB",DATE(2025,7,1),DATE(2025,7,31))');
  });

  it('dates: a picked day is DATE(y,m,d); a relative word or a period is text, in upper case; anything else no formula', () => {
    expect(buildFormula('AVG', { market: 'PJM', location: 'WESTERN HUB', start: 'mtd', block: 'ONPEAK' })).toBe(
      '=GRID.AVG("PJM","WESTERN HUB","MTD",,"ONPEAK")',
    );
    for (const word of ['T', 'T-1', 'T+1', '-1D', '-1W', '-1M', 'YTD', 'BOM', 'EOM', '2026-07', 'Q3-2026', 'CAL-2027'])
      expect(buildFormula('LMP', { ...chosen, start: word, end: '' })).toBe(`=GRID.LMP("PJM","WESTERN HUB","${word}")`);
    expect(buildFormula('LMP', { ...chosen, start: 'yesterday' })).toBeUndefined();
    expect(buildFormula('LMP', { ...chosen, end: 'Q5-2026' })).toBeUndefined();
    expect(buildFormula('FX', { from: 'USD', to: 'JPY', start: 'T-1' })).toBe('=GRID.FX("USD","JPY","T-1")');
  });

  it('cells for arguments: their address instead of the value, checked to be one', () => {
    expect(buildFormula('LMP', chosen, { market: '$A$1', location: '$B$1', start: 'C2', end: 'C2' })).toBe('=GRID.LMP($A$1,$B$1,C2,C2)');
    expect(buildFormula('LMP', { start: '2025-07-01' }, { market: '$A$1', location: "'My sheet'!B1" })).toBe(
      "=GRID.LMP($A$1,'My sheet'!B1,DATE(2025,7,1))",
    );
    expect(buildFormula('STRIP', { market: 'PJM', location: 'WESTERN HUB', period: 'CAL-2026' }, { blocks: 'D1:E1' })).toBe(
      '=GRID.STRIP("PJM","WESTERN HUB","CAL-2026",D1:E1)',
    );
    expect(buildFormula('LMP', chosen, { market: 'A1; DROP' })).toBeUndefined();
    expect(['A1', '$A$1', 'XFD1048576', 'Sheet2!$A$1', "'It''s'!A1:B2"].every(isCellRef)).toBe(true);
    expect(['1A', 'A', 'A1:', 'AAAA1', '=A1'].some(isCellRef)).toBe(false);
  });

  it("a selection's address as a reference: the sheet left out on its own sheet, fixed or relative", () => {
    expect(cellReference('Sheet1!C2', 'Sheet1', false)).toBe('C2');
    expect(cellReference('Sheet1!C2', 'Sheet1', true)).toBe('$C$2');
    expect(cellReference('Sheet1!A1:B3', 'Sheet1', true)).toBe('$A$1:$B$3');
    expect(cellReference('Prices!C2', 'Sheet1', false)).toBe('Prices!C2');
    expect(cellReference("'My sheet'!$C$2", 'My sheet', false)).toBe('C2');
    expect(cellReference("'My sheet'!C2", undefined, true)).toBe("'My sheet'!$C$2");
    expect(sheetOf("'It''s'!A1")).toBe("It's");
    expect(sheetOf('A1')).toBeUndefined();
  });

  it('the one-click strip: the year of the range, the market blocks', () => {
    expect(stripBlocks(['ATC', 'ONPEAK', 'OFFPEAK', '5X16', '2X16', '7X8'])).toEqual(['ONPEAK', 'OFFPEAK']);
    expect(stripBlocks(['BASE', 'PEAK'])).toEqual(['BASE', 'PEAK']);
    expect(stripBlocks(['ATC'])).toEqual([]);
    expect(stripFormula('PJM', 'WESTERN HUB', '2025-07-01', ['ATC', 'ONPEAK', 'OFFPEAK'])).toBe(
      '=GRID.STRIP("PJM","WESTERN HUB","CAL-2025","ONPEAK,OFFPEAK")',
    );
    expect(stripFormula('GAS', 'HENRY HUB', '2024-02-29', ['ATC'])).toBe('=GRID.STRIP("GAS","HENRY HUB","CAL-2024")');
  });
});
