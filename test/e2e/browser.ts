import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Reuses dist/ when it is newer than every source of the add-in; builds it otherwise. */
export function buildAddin(): void {
  const sources = ['contract', 'client', 'functions', 'addin', 'assets', 'webpack.config.js'].map((p) => newestMtime(join(ROOT, p)));
  const built =
    existsSync(join(DIST, 'taskpane.js')) && existsSync(join(DIST, 'functions.json')) ? newestMtime(join(DIST, 'taskpane.js')) : 0;
  if (built > Math.max(...sources)) return;
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'development'], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * Whether a control is disabled. `:disabled` matches native controls and disabled form-associated
 * custom elements (the taskpane's fluent-button), which Playwright's own isDisabled does not know.
 */
export function isDisabled(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (control) => control.matches(':disabled'));
}
