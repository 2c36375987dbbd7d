import type { ReplayEntry } from './replay';
import { ownPath, tempFile, zipped } from './fixtures';

/** NYISO's MIS answering that the daily file at `daily` is gone (404), and serving the month zip at `monthly` holding `members`. */
export function dailyGoneMonthZip(daily: string, monthly: string, members: Record<string, Buffer>): ReplayEntry[] {
  return [
    { request: { url: daily }, file: ownPath('nyiso/README.md'), status: 404 },
    { request: { url: monthly }, file: tempFile(monthly.split('/').pop()!, zipped(members)) },
  ];
}
