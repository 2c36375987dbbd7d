import { readFileSync } from 'node:fs';
import {
  AS_SERVICES,
  BLOCKS,
  ENERGY_UNITS,
  FUELS,
  FILL_MODES,
  INTERVALS,
  MARKET_TZ,
  STATS,
  UTC_TZ,
  type MarketSummary,
} from '../../contract';

/**
 * The add-in's help page (the manifest's SupportUrl and every function's help URL), written from
 * what the add-in really has: the functions and parameters of the built functions.json, the
 * option values of the contract, and the markets of the running app.
 */

interface FunctionMetadata {
  id: string;
  description?: string;
  parameters: { name: string; description?: string; optional?: boolean }[];
}

export function helpPage(functionsJson: string, markets: MarketSummary[]): string {
  const { functions } = JSON.parse(readFileSync(functionsJson, 'utf8')) as { functions: FunctionMetadata[] };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>gridcell help</title><link rel="stylesheet" href="taskpane.css"></head>
<body class="help"><main>
<h1>gridcell functions</h1>
<p>Every function is in the <code>GRID</code> namespace: <code>=GRID.LMP("PJM","WESTERN HUB",DATE(2025,7,1))</code>.
Dates are Excel dates on the market's clock: a whole date is a market day, a date with a time is a moment.</p>
${functions.map(functionSection).join('\n')}
<h2 id="options">Options</h2>
<p>The <code>options</code> argument is <code>key=value; key=value</code>:</p>
<table class="stats"><tbody>
${row('tz', `${MARKET_TZ} (default), ${UTC_TZ}, or an IANA zone such as Europe/Berlin`)}
${row('currency', 'a three-letter code the ECB publishes, e.g. EUR, USD, JPY')}
${row('interval', INTERVALS.join(', '))}
${row('fill', `${FILL_MODES.join(', ')} (gaps stay empty unless asked)`)}
${row('unit', ENERGY_UNITS.join(', '))}
${row('headers', '1 for a header row naming the clock and the unit')}
${row('columns', 'start, end, value, utc')}
${row('asof', 'a date-time: a forecast (run FORECAST) as the latest issue made by then, from the issues the cache holds')}
${row('product', 'GRID.AVG and GRID.STRIP of another product than the price, e.g. LOAD (run ACTUAL), GEN_GAS, AS_SPIN')}
</tbody></table>
<p>Fuels (GRID.FUELMIX columns, products GEN_&lt;fuel&gt;): ${FUELS.join(', ')}. Ancillary services (GRID.AS, products AS_&lt;service&gt;): ${AS_SERVICES.join(', ')}.</p>
<p>Blocks: ${BLOCKS.join(', ')}, on each market's own peak calendar. Statistics: ${STATS.join(', ')}.</p>
<h2 id="markets">Markets</h2>
<table class="stats"><thead><tr><th>Market</th><th>Clock</th><th>Currency</th><th>Runs</th><th>Products</th></tr></thead><tbody>
${markets.map((m) => `<tr><th scope="row">${esc(m.id)}</th><td>${esc(m.clock)}</td><td>${esc(m.currency)}</td><td>${esc(m.runs.map((r) => r.id).join(', '))}</td><td>${esc(m.products.map((p) => p.id).join(', '))}</td></tr>`).join('\n')}
</tbody></table>
</main></body></html>
`;
}

function functionSection(f: FunctionMetadata): string {
  const args = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
  return `<section id="${esc(f.id)}"><h2>GRID.${esc(f.id)}(${esc(args)})</h2><p>${esc(f.description ?? '')}</p>
<table class="stats"><tbody>${f.parameters.map((p) => row(p.name + (p.optional ? ' (optional)' : ''), p.description ?? '')).join('')}</tbody></table></section>`;
}

function row(name: string, text: string): string {
  return `<tr><th scope="row">${esc(name)}</th><td>${esc(text)}</td></tr>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
