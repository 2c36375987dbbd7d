import type { HttpRequest } from '../../backend/http/types';
import { ownPath, readOwn, tempFile, zipped } from './fixtures';

/** The ERCOT Public API's three keys, made up (the password has characters the login URL must escape). */
export const KEYS = {
  ERCOT_API_USERNAME: 'trader@example.com',
  ERCOT_API_PASSWORD: 'pa$$word+1',
  ERCOT_API_SUBSCRIPTION_KEY: 'sub-key-123',
};
/** The client id in ERCOT's B2C login request. */
export const CLIENT = 'fec253ea-0d06-4272-a5e6-b478baeecd70';
/** The login gridcell makes with those keys, before its first API request. */
export const LOGIN: HttpRequest = {
  method: 'POST',
  url: `https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token?username=trader%40example.com&password=pa%24%24word%2B1&grant_type=password&scope=openid+${CLIENT}+offline_access&client_id=${CLIENT}&response_type=id_token`,
  secrets: ['username', 'password'],
};
/** Our written answer to LOGIN: an id token. */
export const LOGIN_ANSWER = ownPath('ercot/login_id_token_written.json');

export const apiUrl = (path: string, query: string) => `https://api.ercot.com/api/public-reports/${path}?${query}`;
export const misList = (id: number) => ({ url: `https://www.ercot.com/misapp/servlets/IceDocListJsonWS?reportTypeId=${id}` });
export const misDoc = (id: string) => ({ url: `https://www.ercot.com/misdownload/servlets/mirDownload?doclookupId=${id}` });

/** One of our CSVs zipped as the MIS sends it, under `member` (its own name by default). */
export function misZip(rel: string, member = rel.split('/').pop()!): Buffer {
  return zipped({ [member]: readOwn(rel) });
}

/** The same zip in a temporary file, to replay. */
export function misZipFile(rel: string, member?: string): string {
  return tempFile('doc.zip', misZip(rel, member));
}
