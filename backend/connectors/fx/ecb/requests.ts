import type { HttpRequest } from '../../../http/types';

const BASE = 'https://www.ecb.europa.eu/stats/eurofxref';

export const DAILY_XML_URL = `${BASE}/eurofxref-daily.xml`;
export const NINETY_DAY_XML_URL = `${BASE}/eurofxref-hist-90d.xml`;
export const HISTORY_ZIP_URL = `${BASE}/eurofxref-hist.zip`;
export const LATEST_ZIP_URL = `${BASE}/eurofxref.zip`;

/** The ECB files take no parameters: each URL always serves its latest edition. */
export function ecbRequest(url: string): () => HttpRequest {
  return () => ({ url });
}
