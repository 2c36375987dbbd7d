import { type Dataset, GEN_PREFIX, AS_PREFIX, LOAD_PRODUCT, type MarketSummary, type Run } from '../contract';

/** What the preview charts of a market: its prices (DA vs RT), its load (actual vs forecast), its fuel mix stacked, its ancillary services. */

export const DATASET_LABELS: Record<Dataset, string> = {
  price: 'Prices',
  load: 'Load',
  generation: 'Fuel mix',
  ancillary: 'Ancillary services',
};

/** One line of the preview: a run and product asked of /series, and its name in the legend. */
export interface PreviewLine {
  run: string;
  product?: string;
  label: string;
}

/** The preview compares day-ahead with the market's main real-time run (hourly first). */
const REAL_TIME_RUNS: Run[] = ['RT', 'RTH', 'RT15', 'RT5'];

/** The datasets a market has products of, prices first. */
export function datasetsOf(market: MarketSummary): Dataset[] {
  const has = new Set(market.products.map((p) => p.dataset));
  return (['price', 'load', 'generation', 'ancillary'] as const).filter((d) => d === 'price' || has.has(d));
}

export function previewLines(market: MarketSummary, dataset: Dataset): PreviewLine[] {
  const hasRun = (run: string) => market.runs.some((r) => r.id === run);
  const products = market.products.filter((p) => p.dataset === dataset);
  switch (dataset) {
    case 'price': {
      const runs = [hasRun('DA') ? 'DA' : undefined, REAL_TIME_RUNS.find(hasRun)].filter((run): run is string => !!run);
      return (runs.length ? runs : [market.defaultRun]).map((run) => ({ run, label: run }));
    }
    case 'load':
      return ['ACTUAL', 'FORECAST'].filter(hasRun).map((run) => ({ run, product: LOAD_PRODUCT, label: `${run.toLowerCase()} load` }));
    case 'generation':
      return products.map((p) => ({ run: p.defaultRun ?? 'ACTUAL', product: p.id, label: p.id.slice(GEN_PREFIX.length) }));
    case 'ancillary':
      return products.map((p) => ({ run: p.defaultRun ?? 'DA', product: p.id, label: p.id.slice(AS_PREFIX.length) }));
  }
}
