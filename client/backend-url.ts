import { API_PREFIX } from '../contract';

/**
 * Where the gridcell backend is: the page's own origin (the backend serves the add-in), unless the
 * taskpane's settings name another. Kept in localStorage, which the shared runtime shares.
 */
const STORAGE_KEY = 'gridcell.backendUrl';

export function backendUrl(): string {
  const chosen = globalThis.localStorage?.getItem(STORAGE_KEY);
  return (chosen || globalThis.location?.origin || 'https://localhost:3000').replace(/\/+$/, '');
}

/** Remembers another backend; an empty value goes back to the page's origin. */
export function setBackendUrl(url: string): void {
  const trimmed = url.trim();
  if (trimmed) globalThis.localStorage?.setItem(STORAGE_KEY, new URL(trimmed).origin);
  else globalThis.localStorage?.removeItem(STORAGE_KEY);
}

export function apiBase(): string {
  return backendUrl() + API_PREFIX;
}
