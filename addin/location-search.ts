import { apiPath, fetchApi, isCancellation } from '../client';
import type { LocationsResponse } from '../contract';
import { el, textOf, type FluentTextInput } from './dom';
import { favourites, type Favourite, type Favourites } from './favourites';
import { failureMessage } from './failure-message';

/**
 * Search as you type: each keystroke cancels the previous search; results are buttons (keyboard
 * friendly), each with a star that makes it a favourite of the market: favourites are kept in the
 * add-in's storage and listed first when the search is empty or matches them.
 */

export const SEARCH_LIMIT = 25;
const TYPING_PAUSE_MS = 150;

export interface LocationSearch {
  /** Starts over for another market (shows its first locations). */
  reset(market: string): void;
}

export function locationSearch(
  input: FluentTextInput,
  results: HTMLElement,
  pick: (name: string) => void,
  report: (message: string) => void,
  stars: Favourites = favourites(),
): LocationSearch {
  let market = '';
  let pending: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const search = async () => {
    pending?.abort();
    const mine = new AbortController();
    pending = mine;
    try {
      const answer = await fetchApi(
        apiPath('/markets/:market/locations', { market, q: textOf(input).trim(), limit: String(SEARCH_LIMIT) }),
        mine.signal,
      );
      show(answer);
    } catch (thrown) {
      if (!isCancellation(thrown)) report(failureMessage(thrown));
    }
  };

  const show = (answer: LocationsResponse) => {
    // Favourites first (those the search matches, all when it is empty), then the rest of the answer.
    const starred = stars.matching(market, textOf(input));
    const names = new Set(starred.map((f) => f.name));
    const rest = answer.locations.filter((l) => !names.has(l.name));
    const items = [...starred, ...rest].map((l) => item(l));
    const more =
      answer.total > answer.locations.length
        ? el('li', { class: 'note' }, `${answer.total - answer.locations.length} more; type to narrow`)
        : null;
    results.replaceChildren(...items, ...(more ? [more] : []));
    if (items.length === 0) results.replaceChildren(el('li', { class: 'note' }, 'No location matches.'));
  };

  const item = (l: Favourite) => {
    const button = el(
      'button',
      { type: 'button', class: 'location', 'data-location': l.name },
      el('span', {}, l.name),
      el('span', { class: 'location-meta' }, [l.type, ...l.aliases.slice(0, 3)].filter(Boolean).join(' · ')),
    );
    button.addEventListener('click', () => pick(l.name));
    const star = el('button', { type: 'button', class: 'favourite', 'data-favourite': l.name });
    const showStar = (on: boolean) => {
      star.textContent = on ? '★' : '☆';
      star.setAttribute('aria-pressed', String(on));
      star.setAttribute('aria-label', on ? `Remove ${l.name} from the favourites` : `Favourite ${l.name}: listed first`);
      star.title = on ? 'A favourite: listed first. Click to remove.' : 'Favourite: list it first';
    };
    showStar(stars.has(market, l.name));
    star.addEventListener('click', () => showStar(stars.toggle(market, l)));
    return el('li', { class: 'location-item' }, button, star);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, TYPING_PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      results.querySelector<HTMLButtonElement>('button.location')?.focus();
      event.preventDefault();
    }
  });
  results.addEventListener('keydown', (event) => {
    const buttons = [...results.querySelectorAll<HTMLButtonElement>('button.location')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' && at >= 0) buttons[Math.min(at + 1, buttons.length - 1)].focus();
    else if (event.key === 'ArrowUp' && at > 0) buttons[at - 1].focus();
    else if (event.key === 'ArrowUp' && at === 0) input.focus();
    else return;
    event.preventDefault();
  });

  return {
    reset(next: string) {
      market = next;
      input.value = '';
      void search();
    },
  };
}
