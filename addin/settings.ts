import { accessToken, apiPath, backendUrl, clearCache, fetchApi, setAccessToken, setBackendUrl } from '../client';
import { byId } from './dom';
import { failureMessage } from './failure-message';

/** Settings: the backend's address and access token, the cache's size and place, and clearing it (after asking). */

export function setUpSettings(onBackendChanged: () => void, report: (message: string) => void): { refresh(): Promise<void> } {
  const urlInput = byId<HTMLInputElement>('backend-url');
  const tokenInput = byId<HTMLInputElement>('access-token');
  const cacheInfo = byId('cache-info');
  const confirmBox = byId('clear-confirm');

  const refresh = async () => {
    urlInput.value = backendUrl();
    tokenInput.value = accessToken() ?? '';
    try {
      const health = await fetchApi(apiPath('/health'));
      cacheInfo.textContent = `${formatBytes(health.database.bytes)} in ${health.database.path}${health.offline ? ' (offline)' : ''}`;
    } catch (thrown) {
      cacheInfo.textContent = failureMessage(thrown);
    }
  };

  byId('settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      setBackendUrl(urlInput.value);
    } catch {
      report(`"${urlInput.value}" is not an address; write it like https://localhost:3000.`);
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
