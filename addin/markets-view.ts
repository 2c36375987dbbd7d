import type { MarketSummary } from '../contract';
import { el } from './dom';

/** The market list, grouped by region, and the chosen market's details (key status, never a key). */

export function renderMarketList(
  container: HTMLElement,
  markets: MarketSummary[],
  chosen: string | undefined,
  pick: (id: string) => void,
): void {
  const regions = [...new Set(markets.map((m) => m.region))];
  container.replaceChildren(
    ...regions.map((region) =>
      el(
        'section',
        { class: 'region', 'aria-label': region },
        el('h3', {}, region),
        el(
          'ul',
          { class: 'market-list' },
          ...markets
            .filter((m) => m.region === region)
            .map((m) => {
              const button = el(
                'button',
                {
                  type: 'button',
                  class: 'market',
                  'data-market': m.id,
                  'aria-pressed': String(m.id === chosen),
                  title: `${m.name}: ${m.clock} · ${m.currency}${m.ready ? '' : ' · key missing'}`,
                },
                el('span', { class: 'market-id' }, m.id),
                el('span', { class: 'market-meta' }, `${m.clock} · ${m.currency}`),
                el(
                  'span',
                  { class: `badge ${m.ready ? 'ok' : 'warn'}` },
                  m.ready ? (m.keyless ? 'no key needed' : 'key set') : 'key missing',
                ),
              );
              button.addEventListener('click', () => pick(m.id));
              return el('li', {}, button);
            }),
        ),
      ),
    ),
  );
}

export function renderMarketDetails(container: HTMLElement, m: MarketSummary): void {
  const rows: [string, string][] = [
    ['Market', `${m.id}: ${m.name}`],
    ['Clock', m.clock],
    ['Currency', `${m.currency}/${m.unit}`],
    ['Runs', m.runs.map((r) => r.id).join(', ')],
    [
      'API key',
      m.keys.length === 0
        ? 'none needed'
        : m.keys.map((k) => `${k.env}: ${k.set ? 'set' : 'not set'}`).join('; ') + (m.keyless ? ' (optional)' : ''),
    ],
    ['Cache', `${m.cache.days} days, ${m.cache.points.toLocaleString()} points`],
    ['Last fetch', m.cache.lastFetch ? new Date(m.cache.lastFetch).toLocaleString() : 'never'],
  ];
  if (m.cache.lastError) rows.push(['Last error', m.cache.lastError]);
  container.replaceChildren(
    el('dl', { class: 'details' }, ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])),
    ...m.notes.map((note) => el('p', { class: 'note' }, note)),
  );
}
