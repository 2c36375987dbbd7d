import { ParseError } from '../../../domain';
import { addDays, daysBetween } from '../../../time/clock';
import { compactDay } from '../../shared/dates';
import { stampInstant } from './time';

export interface NemwebLink {
  name: string;
  url: string;
}

/**
 * The zip links of an IIS directory listing. A regex over the hrefs is enough for these
 * machine-written pages; links that leave nemweb.com.au are dropped.
 */
export function listingLinks(html: Buffer, folderUrl: string, source: string): NemwebLink[] {
  const text = html.toString('latin1');
  if (!/<a\s/i.test(text)) throw new ParseError(source, 'not a NEMWeb directory listing (no links)');
  const host = new URL(folderUrl).host;
  const links: NemwebLink[] = [];
  for (const m of text.matchAll(/<a\s+href="([^"]+\.zip)"/gi)) {
    const url = new URL(m[1], folderUrl);
    if (url.host !== host) continue;
    links.push({ name: decodeURIComponent(url.pathname.split('/').pop() ?? ''), url: url.toString() });
  }
  return links;
}

/**
 * Files named by the END of their interval (`PUBLIC_DISPATCHIS_202308301805_<id>.zip`) for intervals
 * starting in [start, end): ends in (start, end]. A re-issued interval keeps only its latest file.
 */
export function intervalFiles(links: NemwebLink[], prefix: string, window: { start: number; end: number }): NemwebLink[] {
  const pattern = new RegExp(`^PUBLIC_${prefix}_(\\d{12})_\\d+\\.zip$`, 'i');
  const byStamp = new Map<string, NemwebLink>();
  for (const link of links) {
    const m = pattern.exec(link.name);
    if (!m) continue;
    const end = stampInstant(m[1]);
    if (end <= window.start || end > window.end) continue;
    const seen = byStamp.get(m[1]);
    if (!seen || seen.name < link.name) byStamp.set(m[1], link);
  }
  return [...byStamp.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, link]) => link);
}

/**
 * PUBLIC_PRICES files cover a trading day (04:05 to 04:00 next day), so a calendar day needs the
 * previous trading day's file for its first four hours. Undefined when one of them is missing.
 */
export function publicPricesFiles(links: NemwebLink[], day: string): NemwebLink[] | undefined {
  const latest = new Map<string, NemwebLink>();
  for (const link of links) {
    const m = /^PUBLIC_PRICES_(\d{8})0000_\d+\.zip$/i.exec(link.name);
    if (!m) continue;
    const seen = latest.get(m[1]);
    if (!seen || seen.name < link.name) latest.set(m[1], link);
  }
  const wanted = [compactDay(addDays(day, -1)), compactDay(day)].map((d) => latest.get(d));
  return wanted.every((l) => l !== undefined) ? (wanted as NemwebLink[]) : undefined;
}

/**
 * Archive zips (`PUBLIC_TRADINGIS_20230813_20230819.zip` weekly, `PUBLIC_DISPATCHIS_20240110.zip` daily)
 * for the days; undefined unless every day has its file. The next day's file is added when listed,
 * because a day's last interval (ending 24:00) may be archived with the next day.
 */
export function archiveFiles(links: NemwebLink[], prefix: string, firstDay: string, lastDay: string): NemwebLink[] | undefined {
  const pattern = new RegExp(`^PUBLIC_${prefix}_(\\d{8})(?:_(\\d{8}))?\\.zip$`, 'i');
  const spans = links.flatMap((link) => {
    const m = pattern.exec(link.name);
    return m ? [{ link, from: m[1], to: m[2] ?? m[1] }] : [];
  });
  const held = (day: string): boolean => spans.some((s) => s.from <= day && day <= s.to);
  if (!daysBetween(firstDay, lastDay).every((day) => held(compactDay(day)))) return undefined;
  const from = compactDay(firstDay);
  const to = compactDay(addDays(lastDay, 1));
  return spans.filter((s) => s.from <= to && s.to >= from).map((s) => s.link);
}
