import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../backend/api/server';
import { createApp } from '../../backend/app/create-app';
import { sharedPath } from '../support/fixtures';

/** Headless Chromium for the browser tests, and the add-in's webpack build they load. */

export const ROOT = resolve(__dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const CHROMIUM = '/usr/bin/chromium';
/** Why the browser tests cannot run here, or undefined. */
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} (apt-get install -y chromium)`;

/** Headless Chromium with no background traffic of its own; `args` adds switches (host resolver rules). */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
  });
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function builtIsFresh(): boolean {
  const sources = ['contract', 'client', 'functions', 'addin', 'assets', 'webpack.config.js'].map((p) => newestMtime(join(ROOT, p)));
  const built =
    existsSync(join(DIST, 'taskpane.js')) && existsSync(join(DIST, 'functions.json')) ? newestMtime(join(DIST, 'taskpane.js')) : 0;
  return built > Math.max(...sources);
}

/** Held while one jest worker builds: webpack empties dist/ first, so two builds at once break each other's pages. */
const BUILD_LOCK = join(tmpdir(), `gridcell-addin-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}`);
const LOCK_GIVEN_UP_MS = 5 * 60_000;

/** Reuses dist/ when it is newer than every source of the add-in; builds it otherwise, one worker at a time. */
export function buildAddin(): void {
  if (builtIsFresh()) return;
  if (!tookBuildLock()) {
    // Another worker is building: dist/ is current once it lets go.
    while (existsSync(BUILD_LOCK)) sleepSync(200);
    return;
  }
  try {
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'development'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(BUILD_LOCK, { force: true, recursive: true });
  }
}

/** Takes the build lock, or says another worker holds it (a lock left by a killed run is taken over). */
function tookBuildLock(): boolean {
  const held = statSync(BUILD_LOCK, { throwIfNoEntry: false });
  if (held && Date.now() - held.mtimeMs > LOCK_GIVEN_UP_MS) rmSync(BUILD_LOCK, { force: true, recursive: true });
  try {
    mkdirSync(BUILD_LOCK);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code !== 'EEXIST') throw e;
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Whether a control is disabled. `:disabled` matches native controls and disabled form-associated
 * custom elements (the taskpane's fluent-button), which Playwright's own isDisabled does not know.
 */
export function isDisabled(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (control) => control.matches(':disabled'));
}

/**
 * Chooses the option of `value` in a fluent-dropdown as a user does: a click on the dropdown opens
 * its list, a click on the option picks it (and closes the list); then its value is that.
 */
export async function choose(page: Page, dropdown: string, value: string): Promise<void> {
  const option = page.locator(`${dropdown} fluent-option[value="${value}"]`);
  await page.click(`${dropdown} [slot="control"]`);
  await option.waitFor({ state: 'visible' });
  await option.click();
  await page.waitForFunction(
    ([selector, wanted]) => {
      const list = document.querySelector(selector) as (HTMLElement & { value: string | null; open?: boolean }) | null;
      return list?.value === wanted && !list.open;
    },
    [dropdown, value] as const,
  );
}

/** The value of a fluent-dropdown's chosen option ('' when none is). */
export function chosen(page: Page, dropdown: string): Promise<string> {
  return page.$eval(dropdown, (list) => (list as HTMLElement & { value: string | null }).value ?? '');
}

/**
 * Ticks or unticks a fluent-checkbox as a user does (a click, when it is not as wanted yet), then
 * checks that it is. (Playwright's own check() knows native boxes and role="checkbox" attributes,
 * not the role a custom element gives itself through ElementInternals.)
 */
export async function setChecked(page: Page, checkbox: string, checked: boolean): Promise<void> {
  const isChecked = () => page.$eval(checkbox, (box) => (box as HTMLElement & { checked: boolean }).checked);
  if ((await isChecked()) !== checked) await page.click(checkbox);
  if ((await isChecked()) !== checked) throw new Error(`${checkbox} did not become ${checked ? 'checked' : 'unchecked'}`);
}

/** The real app with real files imported into a new offline cache, serving the built add-in on 127.0.0.1. */
export async function serveAddin(env: NodeJS.ProcessEnv, dbPath: string, files: string[], token?: string): Promise<RunningServer> {
  const app = createApp({ env, config: { dbPath, offline: true } });
  for (const file of files) await app.importFile(sharedPath(file));
  return startServer(app, { port: 0, host: '127.0.0.1', staticDir: DIST, token });
}
