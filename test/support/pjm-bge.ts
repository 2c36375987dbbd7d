import { sharedPath } from './fixtures';
import { replayFolder } from './replay';

/** The recorded Data Miner answer holds every zone for 2026-06-09 (it was asked with type=ZONE). */
export const PJM_ZONES_FILE = 'pjm/da_hrl_lmps_zones_2026-06-09_api_complete.json';
export const FAKE_PJM_KEY = 'pjm-test-key-93f1c2';

const FIELDS =
  'datetime_beginning_utc,pnode_id,pnode_name,type,row_is_current,system_energy_price_da,total_lmp_da,congestion_price_da,marginal_loss_price_da';
/** The request gridcell makes for BGE (pnode 51292) on 2026-06-09, written from PJM's Data Miner 2 documentation. */
const BGE_URL = `https://api.pjm.com/api/v1/da_hrl_lmps?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=${FIELDS}&datetime_beginning_ept=2026-06-09T00:00to2026-06-09T23:59&pnode_id=51292`;

/** A replay folder answering that request with the recorded zones file. */
export function bgeReplayFolder(): string {
  return replayFolder([
    {
      request: { url: BGE_URL, headers: { 'Ocp-Apim-Subscription-Key': FAKE_PJM_KEY }, secrets: ['Ocp-Apim-Subscription-Key'] },
      file: sharedPath(PJM_ZONES_FILE),
    },
  ]);
}
