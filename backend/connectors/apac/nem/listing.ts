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

const HALF_HOUR_MS = 30 * 60_000;

/**
 * The operational demand forecast file to read for a day, from the FORECAST_HH listing. Files are
 * named `PUBLIC_FORECAST_OPERATIONAL_DEMAND_HH_<end of the first half-hour>_<issued>.zip`, issued
 * every half-hour, each reaching about eight days ahead. For today and later days: the newest issue.
 * For a past day: the last issue made before the day began (it forecast the whole day), or the
 * folder's first issue when it starts during the day. Undefined
 * when the folder holds no issue reaching the day (older than it keeps).
 */
export function operationalDemandForecastFile(links: NemwebLink[], window: { start: number; end: number }): NemwebLink | undefined {
  const files = links
    .flatMap((link) => {
      const m = /^PUBLIC_FORECAST_OPERATIONAL_DEMAND_HH_(\d{12})_\d{14}\.zip$/i.exec(link.name);
      return m ? [{ link, firstEnd: stampInstant(m[1]) }] : [];
    })
    .sort((a, b) => (a.link.name < b.link.name ? -1 : a.link.name > b.link.name ? 1 : 0));
  const reaching = files.filter((f) => f.firstEnd <= window.end);
  const latest = reaching.at(-1);
  if (!latest) return undefined;
  if (latest === files.at(-1)) return latest.link;
  // The last issue made before the day began; if the folder starts during the day, its first issue (the most of the day).
  const whole = reaching.filter((f) => f.firstEnd <= window.start + HALF_HOUR_MS);
  return (whole.at(-1) ?? reaching[0]).link;
}
