import {
  unitText,
  type Dataset,
  type LocationsResponse,
  type MarketSummary,
  type QualityResponse,
  type SeriesResponse,
} from '../../contract';

/** `query --format json`: the series and its points, nothing the caller did not ask for. */
export function seriesJson(s: SeriesResponse): string {
  const out: Record<string, unknown> = {
    market: s.market,
    location: s.location,
    run: s.run,
    product: s.product,
    currency: s.currency,
    unit: s.unit,
    points: s.points,
  };
  if (s.interval) out.interval = s.interval;
  if (s.conversion) out.conversion = s.conversion;
  if (s.quality.stale || s.quality.provisional) out.quality = s.quality;
  return JSON.stringify(out, null, 2);
}

export function seriesCsv(s: SeriesResponse): string {
  const lines = [`# ${s.market} ${s.location} ${s.run} ${s.product} ${unitText(s)} (times ${s.tz})`, 'start,end,value'];
  for (const p of s.points) lines.push(`${p.start},${p.end},${p.value ?? ''}`);
  return lines.join('\n');
}

/** A market's products of one dataset, with their unit where it is not the price unit. */
function productsOf(m: MarketSummary, dataset: Dataset): string {
  return m.products
    .filter((p) => p.dataset === dataset)
    .map((p) => (p.unit && dataset !== 'price' ? `${p.id} (${p.unit})` : p.id))
    .join(', ');
}

export function marketsTable(markets: MarketSummary[]): string {
  const lines: string[] = [];
  for (const m of markets) {
    const keys = m.keys.length ? m.keys.map((k) => `${k.env} ${k.set ? 'set' : 'not set'}`).join(', ') : 'none needed';
    lines.push(`${m.id.padEnd(9)} ${m.name}`);
    lines.push(`          region ${m.region}; clock ${m.clock}; ${m.currency}/${m.unit}`);
    lines.push(`          runs ${m.runs.map((r) => r.id).join(', ')} (default ${m.defaultRun}); products ${productsOf(m, 'price')}`);
    for (const dataset of ['load', 'generation', 'ancillary'] as const) {
      const products = productsOf(m, dataset);
      if (products) lines.push(`          ${dataset} ${products}`);
    }
    lines.push(`          keys: ${keys}${m.keyless ? '; works without a key' : ''}${m.ready ? '' : ' -> set the key to fetch'}`);
    lines.push(
      `          cache: ${m.cache.series} series, ${m.cache.points} points, ${m.cache.days} days${m.cache.lastError ? `; last error: ${m.cache.lastError}` : ''}`,
    );
    for (const n of m.notes) lines.push(`          note: ${n}`);
    for (const u of m.unavailable) lines.push(`          unavailable: ${u.dataset}: ${u.reason}`);
  }
  return lines.join('\n');
}

export function locationsTable(l: LocationsResponse): string {
  const rows = l.locations.map((x) => `${x.name.padEnd(28)} ${x.type.padEnd(10)} ${x.aliases.join(', ')}`);
  return [...rows, `${l.locations.length} of ${l.total} ${l.market} locations`].join('\n');
}

/** `gridcell check`: each series' coverage, then what is worth a look. */
export function qualityText(q: QualityResponse): string {
  const lines = [`${q.market} ${q.first} to ${q.last}: ${q.series.length} series in the cache`];
  for (const s of q.series) {
    const missing = s.missingDays.length ? `; ${s.missingDays.length} days not cached` : '';
    lines.push(
      `  ${`${s.location} ${s.run} ${s.product}`.padEnd(40)} ${s.present}/${s.expected} intervals, ${s.days} days (${s.finalDays} final), ${s.revisions} revisions${missing}`,
    );
  }
  lines.push(
    q.findingsTotal
      ? `Findings (${q.findingsTotal}${q.findingsTotal > q.findings.length ? `, the first ${q.findings.length} shown` : ''}):`
      : 'No findings.',
  );
  for (const f of q.findings) lines.push(`  ${f.day} ${f.location} ${f.run} ${f.product} ${f.kind}: ${f.message}`);
  return lines.join('\n');
}
