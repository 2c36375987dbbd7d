import type { Fuel } from '../../../../contract';
import type { LocationInfo, MarketInfo } from '../../../domain';
import { fundamentalProducts, fundamentalRuns } from '../../shared/fundamentals';

export const JEPX_CLOCK = 'Asia/Tokyo';
/** Tohoku Electric Power Network's area supply-demand files (エリア需給実績), area code 02. */
export const TOHOKU_HOST = 'nw.tohoku-epco.co.jp';

/** The volume products of the spot summary, by the file's column (kWh per half hour, on SYSTEM). */
export const JEPX_VOLUME_PRODUCTS = {
  SELL_VOLUME: 'Sell bid volume',
  BUY_VOLUME: 'Buy bid volume',
  CONTRACT_VOLUME: 'Contracted (cleared) volume',
  SELL_BLOCK_VOLUME: 'Sell block bid volume',
  SELL_BLOCK_CONTRACT_VOLUME: 'Contracted sell block volume',
  BUY_BLOCK_VOLUME: 'Buy block bid volume',
  BUY_BLOCK_CONTRACT_VOLUME: 'Contracted buy block volume',
} as const;

export type JepxVolumeProduct = keyof typeof JEPX_VOLUME_PRODUCTS;

/** The intraday (時間前市場) products beside LMP (the average price), by the file's column, on SYSTEM. */
export const JEPX_INTRADAY_PRODUCTS = {
  OPEN: { column: '始値(円/kWh)', description: 'Intraday first traded price (JPY/kWh)' },
  HIGH: { column: '高値(円/kWh)', description: 'Intraday highest traded price (JPY/kWh)' },
  LOW: { column: '安値(円/kWh)', description: 'Intraday lowest traded price (JPY/kWh)' },
  CLOSE: { column: '終値(円/kWh)', description: 'Intraday last traded price (JPY/kWh)' },
  VOLUME: { column: '約定量合計(kWh)', description: 'Intraday traded volume (kWh per half hour)', unit: 'kWh' },
  TRADES: { column: '約定件数', description: 'Intraday number of trades per half hour', unit: 'trades' },
} as const;

/**
 * The supply columns of a TSO's area supply-demand file (エリア需給実績), by their Japanese header, and the
 * fuel each is; curtailment (出力制御量) and the total (合計) are not generation and are skipped.
 */
export const AREA_SUPPLY_FUELS: Readonly<Record<string, Fuel>> = {
  原子力: 'NUCLEAR',
  '火力(LNG)': 'GAS',
  '火力(石炭)': 'COAL',
  '火力(石油)': 'OIL',
  '火力(その他)': 'OTHER_FOSSIL',
  水力: 'HYDRO',
  地熱: 'GEOTHERMAL',
  バイオマス: 'BIOMASS',
  太陽光発電実績: 'SOLAR',
  風力発電実績: 'WIND',
  揚水: 'PUMPED_STORAGE',
  蓄電池: 'STORAGE',
  連系線: 'IMPORTS',
  その他: 'OTHER',
};

/** The fuels of the area supply-demand files, each once, in the order of their columns above. */
const AREA_FUELS: readonly Fuel[] = [...new Set(Object.values(AREA_SUPPLY_FUELS))];

export const jepxMarket: MarketInfo = {
  id: 'JEPX',
  name: 'Japan Electric Power Exchange (day-ahead spot)',
  region: 'Asia-Pacific',
  clock: JEPX_CLOCK,
  currency: 'JPY',
  unit: 'kWh',
  runs: [
    { id: 'DA', description: 'Day-ahead spot auction, 48 half-hour slots per day', intervalMinutes: 30 },
    { id: 'ID', description: 'Intraday continuous market (時間前市場), per half-hour delivery slot', intervalMinutes: 30 },
    // The TSOs' area supply and demand (measured, half-hourly MW averages); they publish no forecast file gridcell reads.
    ...fundamentalRuns(30).filter((r) => r.id === 'ACTUAL'),
  ],
  defaultRun: 'DA',
  products: [
    { id: 'LMP', description: 'System price or area price (JPY/kWh); the volume-weighted average price in run ID' },
    ...Object.entries(JEPX_VOLUME_PRODUCTS).map(([id, description]) => ({ id, description: `${description} (SYSTEM only)`, unit: 'kWh' })),
    ...Object.entries(JEPX_INTRADAY_PRODUCTS).map(([id, p]) => ({
      id,
      description: `${p.description} (SYSTEM, run ID)`,
      ...('unit' in p ? { unit: p.unit } : {}),
    })),
    ...fundamentalProducts({
      load: 'Area demand (エリア需要) published by the area TSO (Tohoku)',
      fuels: AREA_FUELS,
    }),
  ],
  keys: [],
  keyless: true,
  hosts: { 'www.jepx.jp': { concurrency: 1, minIntervalMs: 1000 }, [TOHOKU_HOST]: { concurrency: 1, minIntervalMs: 1000 } },
  notes: [
    'Prices are published in JPY per kWh; one file per fiscal year (April to March) holds every day so far.',
    'No Okinawa area: it is not part of the JEPX spot market.',
    'Run ID is the intraday continuous market (時間前市場), one file per fiscal year: LMP is the average traded price, with OPEN, HIGH, LOW, CLOSE, VOLUME (kWh) and TRADES.',
    'Load and generation by fuel (MW, half-hourly) of the Tohoku area come from Tohoku Electric Power Network (エリア需給実績, one file per month); IMPORTS is the tie-line flow into the area (negative: out of it), PUMPED_STORAGE and STORAGE are net of charging.',
  ],
};

/** The system price and the nine area prices, with the Japanese names the file uses. */
export const JEPX_AREAS: { name: string; japanese: string }[] = [
  { name: 'HOKKAIDO', japanese: '北海道' },
  { name: 'TOHOKU', japanese: '東北' },
  { name: 'TOKYO', japanese: '東京' },
  { name: 'CHUBU', japanese: '中部' },
  { name: 'HOKURIKU', japanese: '北陸' },
  { name: 'KANSAI', japanese: '関西' },
  { name: 'CHUGOKU', japanese: '中国' },
  { name: 'SHIKOKU', japanese: '四国' },
  { name: 'KYUSHU', japanese: '九州' },
];

export const jepxLocations: LocationInfo[] = [
  { name: 'SYSTEM', type: 'SYSTEM', aliases: ['システム', 'システムプライス', 'SYSTEM PRICE'] },
  ...JEPX_AREAS.map((a) => ({ name: a.name, type: 'AREA', aliases: [a.japanese, `エリアプライス${a.japanese}`] })),
];
