import type { LocationInfo, MarketInfo } from '../../../domain';

export const JEPX_CLOCK = 'Asia/Tokyo';

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

export const jepxMarket: MarketInfo = {
  id: 'JEPX',
  name: 'Japan Electric Power Exchange (day-ahead spot)',
  region: 'Asia-Pacific',
  clock: JEPX_CLOCK,
  currency: 'JPY',
  unit: 'kWh',
  runs: [{ id: 'DA', description: 'Day-ahead spot auction, 48 half-hour slots per day', intervalMinutes: 30 }],
  defaultRun: 'DA',
  products: [
    { id: 'LMP', description: 'System price or area price (JPY/kWh)' },
    ...Object.entries(JEPX_VOLUME_PRODUCTS).map(([id, description]) => ({ id, description: `${description} (SYSTEM only)`, unit: 'kWh' })),
  ],
  keys: [],
  keyless: true,
  hosts: { 'www.jepx.jp': { concurrency: 1, minIntervalMs: 1000 } },
  notes: [
    'Prices are published in JPY per kWh; one file per fiscal year (April to March) holds every day so far.',
    'No Okinawa area: it is not part of the JEPX spot market.',
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
