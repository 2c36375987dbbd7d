import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from './fixtures';
import { replayFolder } from './replay';

/** The recorded Data Miner answer holds every zone for 2026-06-09 (it was asked with type=ZONE). */
export const PJM_ZONES_FILE = 'pjm/da_hrl_lmps_zones_2026-06-09_api_complete.json';
export const FAKE_PJM_KEY = 'pjm-test-key-93f1c2';

const FIELDS =
  'datetime_beginning_utc,pnode_id,pnode_name,type,row_is_current,system_energy_price_da,total_lmp_da,congestion_price_da,marginal_loss_price_da';
/** The request gridcell makes for BGE (pnode 51292) on 2026-06-09, written from PJM's Data Miner 2 documentation. */
const BGE_URL = `https://api.pjm.com/api/v1/da_hrl_lmps?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=${FIELDS}&datetime_beginning_ept=2026-06-09T00:00to2026-06-09T23:59&pnode_id=51292`;

export interface ZonesAnswer {
  items: { datetime_beginning_utc: string; pnode_name: string; total_lmp_da: number }[];
}

/** A replay folder answering that request with the recorded zones file, or with an edited copy of it (a fault to inject). */
export function bgeReplayFolder(edit?: (answer: ZonesAnswer) => void): string {
  let file = sharedPath(PJM_ZONES_FILE);
  if (edit) {
    const answer = JSON.parse(readFileSync(file, 'utf8')) as ZonesAnswer;
    edit(answer);
    file = join(mkdtempSync(join(tmpdir(), 'gridcell-edited-')), 'answer.json');
    writeFileSync(file, JSON.stringify(answer));
  }
  return replayFolder([
    {
      request: { url: BGE_URL, headers: { 'Ocp-Apim-Subscription-Key': FAKE_PJM_KEY }, secrets: ['Ocp-Apim-Subscription-Key'] },
      file,
    },
  ]);
}
