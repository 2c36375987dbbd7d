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

/**
 * One series of MIS files: the folder under /public/csv and the name after the date. A day is
 * `<folder>/<YYYYMMDD><stem>.csv`; its month `<folder>/<YYYYMM01><stem>_csv.zip` holds the same files.
 */
export interface MisFiles {
  folder: string;
  stem: string;
}

/** The LBMP files of a dataset and kind: `damlbmp/<YYYYMMDD>damlbmp_zone.csv`. */
export function lbmpFiles(dataset: NyisoDataset, kind: NyisoFileKind): MisFiles {
  return { folder: dataset, stem: `${dataset}_${kind}` };
}

/** Name of a day's CSV, both on the server and inside the monthly zip. */
export function misFileName(files: MisFiles, day: string): string {
  return `${compactDay(day)}${files.stem}.csv`;
}

export function misDailyRequest(files: MisFiles, day: string): HttpRequest {
  return { url: `${BASE}/${files.folder}/${misFileName(files, day)}` };
}

/** The archive of the month holding the day. */
export function misMonthlyRequest(files: MisFiles, day: string): HttpRequest {
  return { url: `${BASE}/${files.folder}/${compactDay(day).slice(0, 6)}01${files.stem}_csv.zip` };
}

/** The fundamentals files: actual load, its hourly integration, the ISO load forecast, the fuel mix, reserve prices. */
export const PAL: MisFiles = { folder: 'pal', stem: 'pal' };
export const PAL_INTEGRATED: MisFiles = { folder: 'palIntegrated', stem: 'palIntegrated' };
export const ISOLF: MisFiles = { folder: 'isolf', stem: 'isolf' };
export const RTFUELMIX: MisFiles = { folder: 'rtfuelmix', stem: 'rtfuelmix' };
export const DAMASP: MisFiles = { folder: 'damasp', stem: 'damasp' };
export const RTASP: MisFiles = { folder: 'rtasp', stem: 'rtasp' };
