import { PRICE_COMPONENTS } from '../../../../contract';
import type { Report } from '../../types';
import { sinkParsers } from '../../shared/points';
import { looksLikeOasis, oasisReader } from './parse';
import { OASIS_LIMITS, PRC_INTVL_LMP, PRC_LMP, PRC_RTPD_LMP, oasisRequest, type OasisQuery } from './requests';

const PRODUCTS: string[] = [...PRICE_COMPONENTS, 'GHG'];

function oasisReport(id: string, description: string, run: string, query: OasisQuery): Report {
  return {
    id,
    description,
    runs: [run],
    products: PRODUCTS,
    scope: 'location',
    limits: OASIS_LIMITS,
    rowsIndependent: true,
    request: (ctx) => oasisRequest(query, ctx),
    ...sinkParsers(oasisReader(query, run)),
    detect: (file) => looksLikeOasis(file, query),
  };
}

export const caisoReports: Report[] = [
  oasisReport('caiso.prc_lmp', 'OASIS PRC_LMP v12: day-ahead (IFM) hourly LMP and its components', 'DA', PRC_LMP),
  oasisReport('caiso.prc_rtpd_lmp', 'OASIS PRC_RTPD_LMP v3: fifteen-minute market LMP and its components', 'RT15', PRC_RTPD_LMP),
  oasisReport('caiso.prc_intvl_lmp', 'OASIS PRC_INTVL_LMP v3: five-minute real-time dispatch LMP and its components', 'RT5', PRC_INTVL_LMP),
];
