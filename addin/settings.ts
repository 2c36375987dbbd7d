import { accessToken, apiPath, backendUrl, clearCache, fetchApi, removeApiKey, saveApiKey, setAccessToken, setBackendUrl } from '../client';
import { KEY_VALUE_MAX_LENGTH, type KeySource, type MarketSummary } from '../contract';
import { byId, el, secretInput, textField, textOf } from './dom';
import { failureMessage } from './failure-message';
import { showIngest } from './ingest-view';

/**
 * Settings: the backend's address and access token, an API key field per key a market uses, the
 * cache's size and place, and clearing it (after asking).
 */

export function setUpSettings(onBackendChanged: () => void, report: (message: string) => void): { refresh(): Promise<void> } {
  const urlInput = textField('backend-url');
  const tokenInput = secretInput('access-token');
  const cacheInfo = byId('cache-info');
  const confirmBox = byId('clear-confirm');
  const keysBox = byId('api-keys');

  const showKeys = async () => {
    try {
      const { markets } = await fetchApi(apiPath('/markets'));
      renderKeyFields(keysBox, markets, report, onBackendChanged);
    } catch (thrown) {
      keysBox.replaceChildren(el('p', { class: 'error' }, failureMessage(thrown)));
    }
  };

  const refresh = async () => {
    urlInput.value = backendUrl();
    tokenInput.value = accessToken() ?? '';
    void showKeys();
    try {
      const health = await fetchApi(apiPath('/health'));
      cacheInfo.textContent = `${formatBytes(health.database.bytes)} in ${health.database.path}${health.offline ? ' (offline)' : ''}`;
      showIngest(health.ingest);
    } catch (thrown) {
      cacheInfo.textContent = failureMessage(thrown);
    }
  };

  byId('settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      setBackendUrl(textOf(urlInput));
    } catch {
      report(`"${textOf(urlInput)}" is not an address; write it like https://localhost:3000.`);
      return;
    }
    setAccessToken(tokenInput.value);
    void refresh();
    onBackendChanged();
  });
  byId('clear-cache').addEventListener('click', () => {
    confirmBox.hidden = false;
    byId('clear-keep').focus();
  });
  byId('clear-keep').addEventListener('click', () => {
    confirmBox.hidden = true;
  });
  byId('clear-yes').addEventListener('click', async () => {
    confirmBox.hidden = true;
    try {
      await clearCache();
      report('The cache is empty; prices will be fetched again when asked for.');
    } catch (thrown) {
      report(failureMessage(thrown));
    }
    await refresh();
    onBackendChanged();
  });
  return { refresh };
}

/** A key's state as the field shows it: never its value. */
export function keyState(set: boolean, from?: KeySource): string {
  if (!set) return 'not set';
  return from === 'environment' ? "set in the server's environment" : 'set';
}

/** A field per API key the markets use (a key shared by markets once), each saved or removed on its own. */
function renderKeyFields(container: HTMLElement, markets: MarketSummary[], report: (message: string) => void, onChanged: () => void): void {
  const byEnv = new Map<string, { markets: string[]; description: string; set: boolean; from?: KeySource }>();
  for (const m of markets) {
    for (const k of m.keys) {
      const known = byEnv.get(k.env);
      if (known) known.markets.push(m.id);
      else byEnv.set(k.env, { markets: [m.id], description: k.description, set: k.set, from: k.from });
    }
  }
  if (!byEnv.size) {
    container.replaceChildren(el('p', { class: 'note' }, 'No market needs a key.'));
    return;
  }
  container.replaceChildren(
    ...[...byEnv].map(([env, key]) => {
      const id = `key-${env}`;
      // A native password field: Fluent's text input would copy the key into an attribute of the page.
      const input = el('input', {
        id,
        type: 'password',
        autocomplete: 'off',
        spellcheck: 'false',
        maxlength: String(KEY_VALUE_MAX_LENGTH),
        placeholder: key.set ? 'replace the key' : 'paste the key',
        'aria-describedby': `${id}-state`,
      });
      const state = el('span', { id: `${id}-state`, class: `badge ${key.set ? 'ok' : 'warn'}` }, keyState(key.set, key.from));
      const remove = el('fluent-button', { type: 'button', class: 'key-remove', disabled: key.from !== 'config' }, 'Remove');
      const show = (set: boolean, from?: KeySource) => {
        state.textContent = keyState(set, from);
        state.className = `badge ${set ? 'ok' : 'warn'}`;
        remove.disabled = from !== 'config';
      };
      const form = el(
        'form',
        { class: 'key-form', 'data-env': env },
        el('label', { for: id, title: key.description }, `${key.markets.join(', ')}: ${env} `, state),
        el('div', { class: 'row' }, input, el('fluent-button', { type: 'submit', appearance: 'primary' }, 'Save key'), remove),
        el('p', { class: 'hint' }, key.description),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!input.value.trim()) {
          report(`Type or paste the ${env} value first.`);
          return;
        }
        try {
          const saved = await saveApiKey(env, input.value);
          input.value = '';
          show(saved.set, saved.from);
          report(`${env} is saved on the gridcell server and used from now on.`);
          onChanged();
        } catch (thrown) {
          report(failureMessage(thrown));
        }
      });
      remove.addEventListener('click', async () => {
        try {
          const removed = await removeApiKey(env);
          input.value = '';
          show(removed.set, removed.from);
          report(`${env} is removed from the gridcell server's config file.`);
          onChanged();
        } catch (thrown) {
          report(failureMessage(thrown));
        }
      });
      return form;
    }),
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
