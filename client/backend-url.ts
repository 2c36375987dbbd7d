import { API_PREFIX } from '../contract';

/**
 * Where the gridcell backend is: the page's own origin (the backend serves the add-in), unless the
 * taskpane's settings name another; and its access token. Kept in localStorage, which the shared
 * runtime shares between the functions and the taskpane.
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

/**
 * The backend's access token (a desk user's gridcell token, or the server's GRIDCELL_TOKEN), when the taskpane's settings were given one.
 * Kept per backend address, so that it never travels to another backend.
 */
export function accessToken(): string | undefined {
  return globalThis.localStorage?.getItem(tokenKey()) || undefined;
}

/** Remembers the current backend's token; an empty value forgets it. */
export function setAccessToken(token: string): void {
  const trimmed = token.trim();
  if (trimmed) globalThis.localStorage?.setItem(tokenKey(), trimmed);
  else globalThis.localStorage?.removeItem(tokenKey());
}

function tokenKey(): string {
  return `gridcell.accessToken ${backendUrl()}`;
}
