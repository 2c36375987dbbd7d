import type { IngestEntryStatus } from '../contract';
import { byId, el } from './dom';

const STATE_WORDS: Record<IngestEntryStatus['state'], string> = {
  waiting: 'up to date',
  fetching: 'fetching',
  failed: 'failing',
};

/** One line per ingest entry: `PJM DA (3 locations): up to date, last 2026-11-30 at ..., next at ...`, and its error. */
export function ingestLines(
  entries: IngestEntryStatus[],
  time: (iso: string) => string = (iso) => new Date(iso).toLocaleString(),
): string[] {
  return entries.map((e) => {
    const parts = [STATE_WORDS[e.state]];
    if (e.lastSuccess) parts.push(`last fetched ${e.lastDay ? `${e.lastDay} ` : ''}at ${time(e.lastSuccess)}`);
    else parts.push('nothing fetched yet');
    if (e.nextRun) parts.push(`next at ${time(e.nextRun)}`);
    const head = `${e.market} ${e.run} (${e.locations} location${e.locations === 1 ? '' : 's'}): ${parts.join(', ')}`;
    return e.lastError ? `${head}. Last error: ${e.lastError}` : head;
  });
}

/** The "Background ingest" part of Settings: shown only when the server runs an ingest. */
export function showIngest(entries: IngestEntryStatus[] | undefined): void {
  const box = byId('ingest');
  box.hidden = !entries?.length;
  const states = entries ?? [];
  byId('ingest-list').replaceChildren(
    ...ingestLines(states).map((line, i) => el('li', { class: states[i].state === 'failed' ? 'error' : undefined }, line)),
  );
}
