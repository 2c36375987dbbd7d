/// <reference types="office-js" />
/**
 * The market browser: markets by region, location search, a DA vs RT preview with statistics,
 * and the formula or table for the sheet. Outside Excel it works as a web page whose sheet
 * buttons copy instead of insert.
 */
import { apiPath, fetchApi } from '../client';
import { unitText, type Dataset, type MarketSummary } from '../contract';
import { backfill, type RunSeries } from './backfill';
import { DATASET_LABELS, datasetsOf, previewLines } from './datasets';
import { watchRunningFetches } from './running-fetches';
import { clearChart, renderChart } from './chart';
import { byId, choose, chosenValue, dateInput, dropdown, el, setOptions, textField } from './dom';
import { builtFormula, byCell, chosenFunction, periodEdited, setUpCellButtons, showCells, showStripBlocks, type Chosen } from './builder';
import { excelAvailable, insertFormula, insertTable, selectedAddress } from './excel';
import { failureMessage } from './failure-message';
import { fluentDefined, followThemeWithFluent, submitOnEnter, type FluentButton } from './fluent';
import { fieldsOf, stripFormula, type FieldName } from './formula';
import { locationSearch } from './location-search';
import { renderMarketDetails, renderMarketList } from './markets-view';
import { DAILY_STEPS_UP_TO, daysInRange, recentDays } from './range';
import { showQuality } from './quality-view';
import { setUpSettings } from './settings';
import { joinRuns, tabSeparated } from './sheet-table';
import { loadStats, PLAIN_ROWS, pointStats, statRows } from './stats';
import { applyOfficeTheme } from './theme';

const RECENT_DAYS = 7;

interface State {
  markets: MarketSummary[];
  market?: MarketSummary;
  location?: string;
  preview: RunSeries[];
  /** Whether the preview is a fuel mix, drawn stacked. */
  stacked: boolean;
  loading?: AbortController;
}

const state: State = { markets: [], preview: [], stacked: false };

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
  dropLoading();
  clearPreview();
  showMarkets();
  renderMarketDetails(byId('market-details'), market);
  const search = textField('location-search');
  search.disabled = false;
  search.placeholder = `Search ${market.id} locations`;
  searcher.reset(market.id);
  byId('chosen-location').textContent = 'none';
  setOptions(
    dropdown('formula-run'),
    [
      ...market.runs.map((r): [string, string] => [r.id, `${r.id}: ${r.description}`]),
      ['', `(the market's default, ${market.defaultRun})`],
    ],
    market.defaultRun,
  );
  setOptions(dropdown('formula-product'), [
    ['', '(the default: LMP or the price)'],
    ...market.products.map((p): [string, string] => [p.id, `${p.id}: ${p.description}`]),
  ]);
  setOptions(dropdown('formula-block'), [
    ['', 'ATC: all hours'],
    ...market.blocks.filter((b) => b !== 'ATC').map((b): [string, string] => [b, b]),
  ]);
  showStripBlocks(market);
  setOptions(
    dropdown('preview-dataset'),
    datasetsOf(market).map((d): [string, string] => [d, DATASET_LABELS[d]]),
  );
  updateActions();
  search.focus();
}

function pickLocation(name: string): void {
  state.location = name;
  byId('chosen-location').textContent = name;
  updateActions();
  void showPrices();
}

function chosenRange(): { start: string; end: string } {
  return { start: dateInput('range-start').value, end: dateInput('range-end').value };
}

/** Stops the answer being loaded (its chart, statistics and quality are no longer wanted). */
function dropLoading(): void {
  state.loading?.abort();
  state.loading = undefined;
  byId('progress').hidden = true;
}

/** Chart, statistics and quality of the last answer go together: all hidden when another is asked for. */
function clearPreview(message?: string): void {
  state.preview = [];
  clearChart(byId('chart'), message);
  byId('stats').hidden = true;
  byId('quality').hidden = true;
}

async function showPrices(): Promise<void> {
  const { market, location } = state;
  const { start, end } = chosenRange();
  if (!market || !location || !start || !end) return;
  if (end < start) return report('The range ends before it starts.');
  dropLoading();
  const loading = new AbortController();
  state.loading = loading;
  const current = () => state.loading === loading && !loading.signal.aborted;
  const dataset = (chosenValue(dropdown('preview-dataset')) || 'price') as Dataset;
  const lines = previewLines(market, dataset);
  const what = DATASET_LABELS[dataset].toLowerCase();
  // Up to a month the chart shows the source's own intervals, the ones the statistics are computed on;
  // a longer range is charted as daily averages and its statistics read off those.
  const averaged = daysInRange(start, end) > DAILY_STEPS_UP_TO;
  clearPreview(`Loading ${market.id} ${location}…`);
  updateActions();
  byId('progress').hidden = false;
  report(`Loading ${market.id} ${location}…`);
  const result = await backfill({
    market: market.id,
    location,
    lines,
    start,
    end,
    interval: averaged ? 'day' : undefined,
    signal: loading.signal,
    onProgress: (done, needed) => {
      if (state.loading !== loading) return;
      byId<HTMLProgressElement>('progress-bar').value = needed ? done / needed : 1;
      byId('progress-text').textContent = `${done} / ${needed} days`;
    },
  });
  if (state.loading !== loading) return;
  byId('progress').hidden = true;
  state.preview = result.series;
  state.stacked = dataset === 'generation';
  const said = summarize(result.problems);
  const chart = byId('chart');
  const empty = said || `No ${what} for ${market.id} ${location} from ${start} to ${end}.`;
  const drawn = renderChart(chart, result.series, empty, state.stacked);
  // What could not be loaded is said under the chart, not only in the status line at the bottom.
  if (drawn && said) chart.append(el('p', { class: 'note chart-note' }, said));
  updateActions();
  if (result.cancelled) return report('Cancelled. What was fetched so far is kept in the cache.');
  report(said || `${market.id} ${location}: ${start} to ${end}.`);
  if (result.series.length === 0) return;
  // Block statistics and quality checks are of prices; other data shows the statistics of what is charted.
  if (dataset !== 'price') return showPlainStats(result.series);
  await Promise.all([
    showStats(market, location, result.series, { start, end, averaged }, loading.signal, current),
    showQuality(byId('quality'), { market: market.id, location, start, end, shown: result.series, signal: loading.signal }),
  ]);
}

/** The problems of a load, short: one a day and run would bury the chart under the same sentence. */
function summarize(problems: string[]): string {
  if (problems.length <= 2) return problems.join(' ');
  return `${problems[0]} (And ${problems.length - 1} more days or runs like it.)`;
}

async function showStats(
  market: MarketSummary,
  location: string,
  series: RunSeries[],
  range: { start: string; end: string; averaged: boolean },
  signal: AbortSignal,
  current: () => boolean,
): Promise<void> {
  const runs = series.map((s) => s.run);
  const rows = range.averaged ? PLAIN_ROWS : statRows(market.blocks);
  const values = range.averaged
    ? pointStats(series)
    : await loadStats(rows, { market: market.id, location, runs, start: range.start, end: range.end, signal });
  if (!current()) return;
  const unit = unitText(series[0]);
  const caption = range.averaged ? `Statistics of the daily averages charted (${unit})` : `Statistics of the intervals charted (${unit})`;
  fillStats(caption, runs, rows, values);
}

/** The plain statistics (no blocks) of each line charted: load, a fuel mix, ancillary services. */
function showPlainStats(series: RunSeries[]): void {
  fillStats(
    `Statistics of the intervals charted (${unitText(series[0])})`,
    series.map((s) => s.label),
    PLAIN_ROWS,
    pointStats(series),
  );
}

function fillStats(caption: string, columns: string[], rows: { label: string }[], values: (number | null)[][]): void {
  const table = byId<HTMLTableElement>('stats');
  table.caption!.textContent = caption;
  table.tHead!.replaceChildren(el('tr', {}, el('th', { scope: 'col' }, 'Block'), ...columns.map((c) => el('th', { scope: 'col' }, c))));
  table.tBodies[0].replaceChildren(
    ...rows.map((row, i) =>
      el('tr', {}, el('th', { scope: 'row' }, row.label), ...values[i].map((v) => el('td', {}, v === null ? '—' : v.toFixed(2)))),
    ),
  );
  table.hidden = false;
}

/** What the builder takes from above it: the market, the location and the picked range. */
function chosen(): Chosen {
  return { market: state.market, location: state.location, ...chosenRange() };
}

/** The builder's formula: the function and its fields, with the market, location and dates chosen above. */
function currentFormula(sheet?: string): string | undefined {
  return builtFormula(chosen(), sheet);
}

/** The one-click strip of the chosen market and location: the range's calendar year by month, the market's blocks across. */
function currentStrip(): string | undefined {
  const { market, location } = state;
  return market && location ? stripFormula(market.id, location, chosenRange().start, market.blocks) : undefined;
}

/** Shows the fields the chosen function takes, and says what it still needs. */
function showFormulaFields(): void {
  const fields = fieldsOf(chosenFunction());
  for (const field of document.querySelectorAll<HTMLElement>('#formula-fields .field[data-field]'))
    field.hidden = !fields.includes(field.dataset.field as FieldName);
  const wanted = [
    fields.includes('market') && !state.market && !byCell('market') && 'Pick a market above',
    fields.includes('location') && !state.location && !byCell('location') && 'pick a location',
  ].filter((part): part is string => !!part);
  byId('formula-context').textContent = wanted.length ? `${wanted.join(', ')} (or use cells).` : '';
}

function updateActions(): void {
  showFormulaFields();
  showCells();
  const formula = currentFormula();
  byId<HTMLTextAreaElement>('formula-text').value = formula ?? '';
  byId<FluentButton>('insert-formula').disabled = !formula;
  byId<FluentButton>('insert-table').disabled = state.preview.length === 0;
  const strip = currentStrip();
  byId<FluentButton>('insert-strip').disabled = !strip;
  byId('insert-strip').title = strip ?? 'Pick a market and a location first';
  byId<FluentButton>('show-prices').disabled = !state.location;
}

async function toSheet(action: 'formula' | 'table' | 'strip'): Promise<void> {
  const formula = action === 'strip' ? currentStrip() : currentFormula();
  const table = joinRuns(state.preview);
  const title = `${state.market?.id} ${state.location}`;
  try {
    if (excelAvailable()) {
      if (action === 'table') {
        await insertTable(table, title);
        return report(`Inserted a table of ${table.rows.length} rows with a chart.`);
      }
      // A formula is made for the sheet it goes into: references to that sheet go without its name.
      const written = await insertFormula(action === 'strip' ? (formula ?? '') : (sheet) => currentFormula(sheet));
      report(written ? `Inserted ${written}` : 'Nothing to insert yet.');
    } else {
      await navigator.clipboard.writeText(action === 'table' ? tabSeparated(table) : (formula ?? ''));
      report(
        action === 'table'
          ? 'Table copied; paste it into a sheet.'
          : `${action === 'strip' ? 'Strip' : 'Formula'} copied; paste it into a cell.`,
      );
    }
  } catch (thrown) {
    report(failureMessage(thrown));
  }
}

function wireUp(): void {
  const recent = recentDays(RECENT_DAYS);
  dateInput('range-start').value = recent.start;
  dateInput('range-end').value = recent.end;
  byId('range-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void showPrices();
  });
  for (const id of ['range-start', 'range-end', 'formula-function']) byId(id).addEventListener('change', updateActions);
  // Every field of the builder: the formula follows each keystroke and choice.
  for (const event of ['input', 'change']) byId('formula-fields').addEventListener(event, updateActions);
  byId('formula-period').addEventListener('input', periodEdited);
  // A word as start (MTD, Q3-2026) usually means its whole period: the end follows unless chosen.
  byId('formula-start-as').addEventListener('change', () => {
    const endAs = dropdown('formula-end-as');
    if (chosenValue(dropdown('formula-start-as')) === 'word' && chosenValue(endAs) === 'picked') choose(endAs, 'none');
  });
  // A range changed while loading: the answer on its way is for the old range.
  for (const id of ['range-start', 'range-end'])
    byId(id).addEventListener('change', () => {
      if (!state.loading) return;
      dropLoading();
      clearPreview('The range changed: Show to load it.');
      updateActions();
    });
  byId('cancel-backfill').addEventListener('click', () => state.loading?.abort());
  // The chart draws on a canvas: redrawn in the new colors when the system theme changes.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (state.preview.length && !state.loading?.signal.aborted) renderChart(byId('chart'), state.preview, undefined, state.stacked);
  });
  byId('insert-formula').addEventListener('click', () => void toSheet('formula'));
  byId('insert-table').addEventListener('click', () => void toSheet('table'));
  byId('insert-strip').addEventListener('click', () => void toSheet('strip'));
  if (excelAvailable()) setUpCellButtons(selectedAddress, updateActions, report);
  else {
    byId('insert-formula').textContent = 'Copy formula';
    byId('insert-table').textContent = 'Copy table';
    byId('insert-strip').textContent = 'Copy strip';
  }
  updateActions();
  const settingsPanel = byId('settings');
  byId('settings-toggle').addEventListener('click', (event) => {
    settingsPanel.hidden = !settingsPanel.hidden;
    (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!settingsPanel.hidden));
    if (!settingsPanel.hidden) void settings.refresh();
  });
}

const searcher = locationSearch(textField('location-search'), byId('location-results'), pickLocation, report);
const settings = setUpSettings(() => void loadMarkets(), report);

async function start(): Promise<void> {
  // The fields are read from the start (the formula is drawn): their components must be defined first.
  await fluentDefined();
  applyOfficeTheme(document.documentElement);
  followThemeWithFluent(document.documentElement);
  // The range's dates are native: Enter in one shows the prices (the settings' fields are Fluent's, which submit on Enter).
  submitOnEnter(byId<HTMLFormElement>('range-form'));
  wireUp();
  void loadMarkets();
  watchRunningFetches(byId('running-fetches'));
}

if (typeof Office !== 'undefined') void Office.onReady(() => start());
else void start();
