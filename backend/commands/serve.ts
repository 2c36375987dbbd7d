import { resolve } from 'node:path';
import { startServer, type RunningServer } from '../api/server';
import { loadConfig } from '../config';
import { devCertificate, TRUST_HINT } from '../tls';

export const STATIC_DIR = resolve(__dirname, '../../dist');

/** Serves the API and the built add-in: https with the Office dev certificate when one can be had. */
export async function serve(options: { port?: number; host?: string; offline?: boolean; log: (line: string) => void }): Promise<RunningServer> {
  const config = loadConfig();
  let tls: { key: Buffer; cert: Buffer } | undefined;
  if (config.https) {
    const cert = await devCertificate();
    tls = cert.tls;
    if (!tls) options.log(`No localhost certificate could be made without a prompt (${cert.reason}); serving plain http on 127.0.0.1. Set GRIDCELL_HTTPS=0 to skip this attempt.`);
  }
  const running = await startServer({ port: options.port, host: options.host, offline: options.offline, staticDir: STATIC_DIR, tls });
  options.log(`gridcell is serving ${running.url}`);
  options.log(`  API:      ${running.url}/api/v1/health`);
  options.log(`  taskpane: ${running.url}/taskpane.html`);
  options.log(`  database: ${running.app.config.dbPath}${running.app.config.offline ? ' (offline)' : ''}`);
  if (tls) options.log(`  ${TRUST_HINT}`);
  options.log('  Sideload the add-in: npm run sideload (Excel desktop), or upload manifest.xml in Excel on the web (see docs/EXCEL.md).');
  return running;
}
