import type { HttpRequest } from '../../../http/types';
import type { LocationInfo } from '../../../domain';
import { compactDay } from '../../shared/dates';
import { NYISO_HOST, zoneNamed } from './market';

export type NyisoDataset = 'damlbmp' | 'rtlbmp' | 'realtime';
/** `zone` files hold the zones and proxies; `gen` files the generators. */
export type NyisoFileKind = 'zone' | 'gen';

const BASE = `http://${NYISO_HOST}/public/csv`;

export function fileKindFor(location: LocationInfo | undefined): NyisoFileKind {
  return !location || zoneNamed(location.name) ? 'zone' : 'gen';
}

/** Name of a day's CSV, both on the server and inside the monthly zip. */
export function dailyFileName(dataset: NyisoDataset, kind: NyisoFileKind, day: string): string {
  return `${compactDay(day)}${dataset}_${kind}.csv`;
}

export function dailyCsvRequest(dataset: NyisoDataset, kind: NyisoFileKind, day: string): HttpRequest {
  return { url: `${BASE}/${dataset}/${dailyFileName(dataset, kind, day)}` };
}

/** The archive of the month holding the day: `<YYYYMM01><dataset>_<kind>_csv.zip`. */
export function monthlyZipRequest(dataset: NyisoDataset, kind: NyisoFileKind, day: string): HttpRequest {
  return { url: `${BASE}/${dataset}/${compactDay(day).slice(0, 6)}01${dataset}_${kind}_csv.zip` };
}
