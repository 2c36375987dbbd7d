import { columnIndex } from '../../../formats/csv';
import { cellText, excelSerialDay, readXlsxSheet, type XlsxCell } from '../../../formats/xlsx';
import { dayBounds } from '../../../time/clock';
import { type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import type { Parser } from '../../types';
import { readNumber } from '../../shared/numbers';
import { AUCTION_RUN, CONTRACTS, EUETS_CLOCK } from './market';

export const AUCTION_SHEET = 'Primary Market Auction';
const HEADER_SEARCH_ROWS = 30;

const KEY_COLUMNS = {
  date: ['Date'],
  contract: ['Contract'],
  status: ['Status'],
  name: ['Auction Name'],
};

/** Product id -> header cell (line breaks folded to spaces). */
const PRODUCT_COLUMNS = {
  LMP: ['Auction Price €/tCO2'],
  MIN_BID: ['Minimum Bid €/tCO2'],
  MAX_BID: ['Maximum Bid €/tCO2'],
  MEAN_BID: ['Mean €/tCO2'],
  MEDIAN_BID: ['Median €/tCO2'],
  VOLUME: ['Auction Volume tCO2'],
  BIDS: ['Total Amount of Bids'],
  BIDS_SUBMITTED: ['Number of bids submitted'],
  BIDS_SUCCESSFUL: ['Number of successful bids'],
  COVER: ['Cover Ratio'],
  BIDDERS: ['Total Number of Bidders'],
  BIDDERS_SUCCESSFUL: ['Number of Successful Bidders'],
  REVENUE: ['Total Revenue €'],
};
type ProductId = keyof typeof PRODUCT_COLUMNS;
const PRODUCTS = Object.keys(PRODUCT_COLUMNS) as ProductId[];

/**
 * The EEX primary-auction XLSX: one row per auction, newest first, header a few rows down.
 * Each auction gives one value per product over its day [00:00, 24:00) Europe/Berlin.
 * Auctions whose Status is not "successful" (cancelled) give no points.
 */
export const parseAuctionReport: Parser = (body, { source }) => {
  const sheet = readXlsxSheet(body, source, AUCTION_SHEET);
  const headerAt = sheet.rows.findIndex((row, i) => i < HEADER_SEARCH_ROWS && hasCells(row, ['Date', 'Contract']));
  if (headerAt < 0)
    throw new ParseError(
      source,
      `no header row with "Date" and "Contract" in the first ${HEADER_SEARCH_ROWS} rows of sheet "${AUCTION_SHEET}"`,
    );
  const header = Array.from(sheet.rows[headerAt], cellText);
  const col = columnIndex(header, { ...KEY_COLUMNS, ...PRODUCT_COLUMNS }, source);

  const points: ParsedPoint[] = [];
  const locations = new Map<string, LocationInfo>();
  const seen = new Map<string, string>();
  for (let r = headerAt + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const dateCell = row[col.date];
    const contract = cellText(row[col.contract]);
    if (dateCell === undefined && contract === '') continue;
    const day = auctionDay(dateCell, sheet.date1904, source, r + 1);
    if (cellText(row[col.status]).toLowerCase() !== 'successful') continue;
    if (!contract) throw new ParseError(source, `row ${r + 1}: the auction of ${day} has no Contract`);
    const location = CONTRACTS[contract] ?? contract;
    locations.set(location, { name: location, type: 'CONTRACT', aliases: [contract] });

    const name = cellText(row[col.name]);
    const earlier = seen.get(`${day}|${location}`);
    if (earlier !== undefined)
      throw new ParseError(source, `two ${contract} auctions on ${day} ("${earlier}" and "${name}"); gridcell keeps one value per day`);
    seen.set(`${day}|${location}`, name);

    const { start, end } = dayBounds(day, EUETS_CLOCK);
    for (const product of PRODUCTS) {
      const value = readNumber(row[col[product]], source, `row ${r + 1}, "${PRODUCT_COLUMNS[product][0]}"`);
      if (value !== undefined) points.push({ location, run: AUCTION_RUN, product, start, end, value });
    }
  }
  return { points, locations: [...locations.values()] };
};

function hasCells(row: XlsxCell[], names: string[]): boolean {
  const texts = new Set(Array.from(row, cellText));
  return names.every((n) => texts.has(n));
}

function auctionDay(cell: XlsxCell, date1904: boolean, source: string, line: number): string {
  if (typeof cell !== 'number') throw new ParseError(source, `row ${line}: Date "${cellText(cell)}" is not an Excel date`);
  return excelSerialDay(cell, date1904);
}
