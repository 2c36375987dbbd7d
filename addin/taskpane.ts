/// <reference types="office-js" />
/**
 * The market browser: markets by region, location search, a DA vs RT preview with statistics,
 * and the formula or table for the sheet. Outside Excel it works as a web page whose sheet
 * buttons copy instead of insert.
 */
import { apiPath, fetchApi } from '../client';
import type { MarketSummary, Run } from '../contract';
import { backfill, type RunSeries } from './backfill';
import { chartSvg } from './chart';
import { byId, el } from './dom';
import { excelAvailable, insertFormula, insertTable } from './excel';
import { failureMessage } from './failure-message';
import { gridFormula } from './formula';
import { locationSearch } from './location-search';
import { renderMarketDetails, renderMarketList } from './markets-view';
import { DAILY_STEPS_UP_TO, daysInRange, recentDays } from './range';
import { showQuality } from './quality-view';
import { setUpSettings } from './settings';
import { joinRuns, tabSeparated } from './sheet-table';
import { loadStats, statRows } from './stats';
import { applyOfficeTheme } from './theme';

/** The preview compares day-ahead with the market's main real-time run (hourly first). */
const REAL_TIME_RUNS: Run[] = ['RT', 'RTH', 'RT15', 'RT5'];
const RECENT_DAYS = 7;

interface State {
  markets: MarketSummary[];
  market?: MarketSummary;
  location?: string;
  preview: RunSeries[];
  loading?: AbortController;
}

const state: State = { markets: [], preview: [] };

function report(message: string): void {
  byId('status').textContent = message;
}

async function loadMarkets(): Promise<void> {
  try {
    state.markets = (await fetchApi(apiPath('/markets'))).markets;
    showMarkets();
    if (state.market) state.market = state.markets.find((m) => m.id === state.market?.id);
    if (state.market) renderMarketDetails(byId('market-details'), state.market);
  } catch (thrown) {
    byId('markets').replaceChildren(el('p', { class: 'error' }, failureMessage(thrown)));
  }
}

function showMarkets(): void {
  renderMarketList(byId('markets'), state.markets, state.market?.id, pickMarket);
}

function pickMarket(id: string): void {
  const market = state.markets.find((m) => m.id === id);
  if (!market) return;
  state.market = market;
  state.location = undefined;
  state.preview = [];
  showMarkets();
  renderMarketDetails(byId('market-details'), market);
  const search = byId<HTMLInputElement>('location-search');
  search.disabled = false;
  search.placeholder = `Search ${market.id} locations`;
  searcher.reset(market.id);
  byId('chosen-location').textContent = 'none';
  byId<HTMLSelectElement>('formula-run').replaceChildren(
    ...market.runs.map((r) => el('option', { value: r.id, selected: r.id === market.defaultRun }, `${r.id}: ${r.description}`)),
  );
  byId('chart').replaceChildren();
  byId('stats').hidden = true;
  byId('quality').hidden = true;
  updateActions();
  search.focus();
}

function pickLocation(name: string): void {
  state.location = name;
  byId('chosen-location').textContent = name;
  updateActions();
  void showPrices();
}

function previewRuns(market: MarketSummary): string[] {
  const has = (run: string) => market.runs.some((r) => r.id === run);
  const runs = [has('DA') ? 'DA' : undefined, REAL_TIME_RUNS.find(has)].filter((run): run is string => !!run);
  return runs.length ? runs : [market.defaultRun];
}

function chosenRange(): { start: string; end: string } {
  return { start: byId<HTMLInputElement>('range-start').value, end: byId<HTMLInputElement>('range-end').value };
}

async function showPrices(): Promise<void> {
  const { market, location } = state;
  const { start, end } = chosenRange();
  if (!market || !location || !start || !end) return;
  if (end < start) return report('The range ends before it starts.');
  state.loading?.abort();
  const loading = new AbortController();
  state.loading = loading;
  const runs = previewRuns(market);
  const progress = byId('progress');
  progress.hidden = false;
  report(`Loading ${market.id} ${location}…`);
  const result = await backfill({
    market: market.id,
    location,
    runs,
    start,
    end,
    interval: daysInRange(start, end) <= DAILY_STEPS_UP_TO ? 'hour' : 'day',
    signal: loading.signal,
    onProgress: (done, needed) => {
      byId<HTMLProgressElement>('progress-bar').value = needed ? done / needed : 1;
      byId('progress-text').textContent = `${done} / ${needed} days`;
    },
  });
  if (state.loading !== loading) return;
  progress.hidden = true;
  state.preview = result.series;
  byId('chart').innerHTML = chartSvg(result.series);
  updateActions();
  if (result.cancelled) return report('Cancelled. What was fetched so far is kept in the cache.');
  report(result.problems.length ? result.problems.join(' ') : `${market.id} ${location}: ${start} to ${end}.`);
  await Promise.all([
    showStats(
      market,
      location,
      result.series.map((s) => s.run),
      start,
      end,
      loading.signal,
    ),
    showQuality(byId('quality'), { market: market.id, location, start, end, shown: result.series, signal: loading.signal }),
  ]);
}

async function showStats(
  market: MarketSummary,
  location: string,
  runs: string[],
  start: string,
  end: string,
  signal: AbortSignal,
): Promise<void> {
  const table = byId<HTMLTableElement>('stats');
  if (runs.length === 0) return void (table.hidden = true);
  const rows = statRows(market.blocks);
  const values = await loadStats(rows, { market: market.id, location, runs, start, end, signal });
  table.tHead!.replaceChildren(el('tr', {}, el('th', { scope: 'col' }, 'Block'), ...runs.map((run) => el('th', { scope: 'col' }, run))));
  table.tBodies[0].replaceChildren(
    ...rows.map((row, i) =>
      el('tr', {}, el('th', { scope: 'row' }, row.label), ...values[i].map((v) => el('td', {}, v === null ? '—' : v.toFixed(2)))),
    ),
  );
  table.hidden = false;
}

function currentFormula(): string | undefined {
  const { market, location } = state;
  const { start, end } = chosenRange();
  if (!market || !location || !start || !end) return undefined;
  return gridFormula({ market: market.id, location, start, end, run: byId<HTMLSelectElement>('formula-run').value || undefined });
}

function updateActions(): void {
  const formula = currentFormula();
  byId<HTMLInputElement>('formula-text').value = formula ?? '';
  byId<HTMLButtonElement>('insert-formula').disabled = !formula;
  byId<HTMLButtonElement>('insert-table').disabled = state.preview.length === 0;
  byId<HTMLButtonElement>('show-prices').disabled = !state.location;
}

async function toSheet(action: 'formula' | 'table'): Promise<void> {
  const formula = currentFormula();
  const table = joinRuns(state.preview);
  const title = `${state.market?.id} ${state.location}`;
  try {
    if (excelAvailable()) {
      if (action === 'formula' && formula) await insertFormula(formula);
      if (action === 'table') await insertTable(table, title);
      report(action === 'formula' ? `Inserted ${formula}` : `Inserted a table of ${table.rows.length} rows with a chart.`);
    } else {
      await navigator.clipboard.writeText(action === 'formula' ? (formula ?? '') : tabSeparated(table));
      report(action === 'formula' ? 'Formula copied; paste it into a cell.' : 'Table copied; paste it into a sheet.');
    }
  } catch (thrown) {
    report(failureMessage(thrown));
  }
}

function wireUp(): void {
  const recent = recentDays(RECENT_DAYS);
  byId<HTMLInputElement>('range-start').value = recent.start;
  byId<HTMLInputElement>('range-end').value = recent.end;
  byId('range-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void showPrices();
  });
  for (const id of ['range-start', 'range-end', 'formula-run']) byId(id).addEventListener('change', updateActions);
  byId('cancel-backfill').addEventListener('click', () => state.loading?.abort());
  byId('insert-formula').addEventListener('click', () => void toSheet('formula'));
  byId('insert-table').addEventListener('click', () => void toSheet('table'));
  if (!excelAvailable()) {
    byId('insert-formula').textContent = 'Copy formula';
    byId('insert-table').textContent = 'Copy table';
  }
  const settingsPanel = byId('settings');
  byId('settings-toggle').addEventListener('click', (event) => {
    settingsPanel.hidden = !settingsPanel.hidden;
    (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!settingsPanel.hidden));
    if (!settingsPanel.hidden) void settings.refresh();
  });
}

const searcher = locationSearch(byId<HTMLInputElement>('location-search'), byId('location-results'), pickLocation, report);
const settings = setUpSettings(() => void loadMarkets(), report);

function start(): void {
  applyOfficeTheme(document.documentElement);
  wireUp();
  void loadMarkets();
}

if (typeof Office !== 'undefined') void Office.onReady(start);
else start();
