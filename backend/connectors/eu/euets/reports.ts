import { isXlsx, xlsxSheetNames } from '../../../formats/xlsx';
import type { FileSample, Report } from '../../types';
import { AUCTION_RUN, euetsMarket } from './market';
import { AUCTION_SHEET, parseAuctionReport } from './parse';
import { auctionReportRequest } from './requests';
import { calendarYear } from '../../../time/periods';

export const auctionReport: Report = {
  id: 'euets.eex_primary_auction',
  description: 'EEX EU ETS primary market auction results, one XLSX per calendar year',
  runs: [AUCTION_RUN],
  products: euetsMarket.products.map((p) => p.id),
  scope: 'market',
  validFrom: '2020-01-01',
  periodOf: calendarYear,
  request: auctionReportRequest,
  parse: parseAuctionReport,
  detect: isAuctionWorkbook,
};

/** An .xlsx workbook with a sheet named "Primary Market Auction". */
function isAuctionWorkbook(file: FileSample): boolean {
  if (!isXlsx(file.bytes)) return false;
  try {
    return xlsxSheetNames(file.bytes, file.name).includes(AUCTION_SHEET);
  } catch {
    return false;
  }
}
