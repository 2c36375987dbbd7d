/**
 * The add-in manifest and the function metadata as the server hands them to Excel: written for
 * the origin the server actually runs on (another port, plain http), and still a valid manifest.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata/lib/generate';
import { TEMPLATE_ORIGIN } from '../../backend/api/served-for-origin';
import { validateManifest } from '../../scripts/manifest-validation';
import type { RunningServer } from '../../backend/api/server';
import { startTestServer } from '../support/app';

const ROOT = resolve(__dirname, '../..');
const MANIFEST = join(ROOT, 'manifest.xml');

describe('manifest.xml and functions.json are served for the origin the server runs on', () => {
  let server: RunningServer;
  const staticDir = mkdtempSync(join(tmpdir(), 'gridcell-static-'));

  beforeAll(async () => {
    // The metadata as the build writes it: its help URLs on the template origin of manifest.xml.
    const template = /<SourceLocation DefaultValue="(https:\/\/[^/]+)\/taskpane\.html"\/>/.exec(readFileSync(MANIFEST, 'utf8'))![1];
    const lmp = {
      id: 'LMP',
      description: 'Market prices of one location.',
      helpUrl: `${template}/help.html#LMP`,
      parameters: [
        { name: 'market', description: 'Market, e.g. "PJM".' },
        { name: 'end', description: 'Last market day <included>.', optional: true },
      ],
    };
    writeFileSync(join(staticDir, 'functions.json'), JSON.stringify({ functions: [lmp] }));
    server = await startTestServer({ config: { offline: true } }, { staticDir, manifest: MANIFEST });
  });
  afterAll(() => server.close());

  test('every URL of the manifest is on this server, nothing else changed', async () => {
    const r = await fetch(`${server.url}/manifest.xml`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/xml/);
    const served = await r.text();
    const urls = [...served.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(`${server.url}/`)).toBe(true);
    const original = readFileSync(MANIFEST, 'utf8');
    expect(served.replace(/DefaultValue="https?:\/\/[^/"]+/g, 'DefaultValue="ORIGIN')).toBe(
      original.replace(/DefaultValue="https?:\/\/[^/"]+/g, 'DefaultValue="ORIGIN'),
    );
  });

  test('the help URLs of the function metadata too', async () => {
    const metadata = (await (await fetch(`${server.url}/functions.json`)).json()) as { functions: { helpUrl: string }[] };
    expect(metadata.functions[0].helpUrl).toBe(`${server.url}/help.html#LMP`);
  });

  test('the help page documents the built functions, their parameters and every market served', async () => {
    const r = await fetch(`${server.url}/help.html`);
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toContain('<section id="LMP"><h2>GRID.LMP(market, [end])</h2><p>Market prices of one location.</p>');
    expect(page).toContain('<th scope="row">end (optional)</th><td>Last market day &#60;included&#62;.</td>');
    const { markets } = (await (await fetch(`${server.url}/api/v1/markets`)).json()) as { markets: { id: string; clock: string }[] };
    for (const m of markets) expect(page).toContain(`<tr><th scope="row">${m.id}</th><td>${m.clock}</td>`);
  });

  test("every function's metadata, as the build generates it, links its section of the help page", async () => {
    const generated = await generateCustomFunctionsMetadata(join(ROOT, 'functions/functions.ts'));
    expect(generated.errors).toEqual([]);
    const { functions } = JSON.parse(generated.metadataJson) as { functions: { id: string; helpUrl?: string }[] };
    expect(functions.length).toBeGreaterThan(8);
    for (const f of functions) expect(f.helpUrl).toBe(`${TEMPLATE_ORIGIN}/help.html#${f.id}`);
  });

  // gridcell's own schema (manifest-schema/), the one `npm run validate` uses: in the repository, so never skipped.
  test('the served manifest passes the add-in schema check', async () => {
    const served = await (await fetch(`${server.url}/manifest.xml`)).text();
    const verdict = await validateManifest(served, 'served-manifest.xml');
    expect(verdict.problems).toEqual([]);
    expect(verdict.valid).toBe(true);
  });
});
