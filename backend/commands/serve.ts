import { join } from 'node:path';
import { startServer, type RunningServer } from '../api/server';
import { createApp } from '../app/create-app';
import { readUsers } from '../app/users';
import type { Config } from '../config';
import { ingestFor, ingestPlanPath } from '../ingest';
import { PACKAGE_ROOT } from '../paths';
import { devCertificate, TRUST_HINT } from '../tls';

export const STATIC_DIR = join(PACKAGE_ROOT, 'dist');
const MANIFEST = join(PACKAGE_ROOT, 'manifest.xml');

export interface ServeOptions {
  /** Settings given on the command line, over the environment's. */
  config: Partial<Config>;
  log: (line: string) => void;
  /** Keep the markets of the ingest plan current in the background (`--ingest`). */
  ingest?: boolean;
}

/** Serves the API and the built add-in: https with the Office dev certificate when one can be had. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  let app = createApp({ config: options.config });
  try {
    // The plan is checked before anything is served: a wrong plan stops the start with its error.
    const planFile = ingestPlanPath(process.env);
    const background = options.ingest ? await ingestFor(app, planFile, { log: (line) => options.log(`ingest: ${line}`) }) : undefined;
    if (background) app = background.app;
    // The store answers before anything is served: a desk store that cannot be reached stops the start with its reason.
    const { database } = await app.health();
    let tls: { key: Buffer; cert: Buffer } | undefined;
    if (app.config.https) {
      const cert = await devCertificate();
      tls = cert.tls;
      if (!tls)
        options.log(
          `No localhost certificate could be made without a prompt (${cert.reason}); serving plain http on 127.0.0.1. Set GRIDCELL_HTTPS=0 to skip this attempt.`,
        );
    }
    const running = await startServer(app, { staticDir: STATIC_DIR, manifest: MANIFEST, tls });
    options.log(`gridcell is serving ${running.url}`);
    options.log(`  API:      ${running.url}/api/v1/health`);
    options.log(`  taskpane: ${running.url}/taskpane.html`);
    options.log(`  store:    ${database.engine} ${database.path}${app.config.offline ? ' (offline)' : ''}`);
    const deskUsers = readUsers(app.config.usersPath).length;
    if (deskUsers) options.log(`  users:    ${deskUsers} desk user(s) in ${app.config.usersPath}; each API request needs its user's token`);
    if (tls) options.log(`  ${TRUST_HINT}`);
    options.log(`  manifest: ${running.url}/manifest.xml (written for this address; sideload it, see docs/EXCEL.md)`);
    if (background) {
      options.log(`  ingest:   ${background.ingest.status().length} entries from ${planFile}, state in ${running.url}/api/v1/health`);
      background.ingest.start();
    }
    return running;
  } catch (e) {
    await app.close();
    throw e;
  }
}
