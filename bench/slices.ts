import AdmZip from 'adm-zip';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes the header and the first `fraction` of the data lines of a single-CSV zip to a new zip
 * (same member name) in a temp folder: the same report, smaller, to see how memory grows with size.
 */
export function zipSlice(zipPath: string, fraction: number): string {
  const [entry] = new AdmZip(zipPath).getEntries();
  const lines = entry.getData().toString('latin1').split('\n');
  const header = lines[0];
  const data = lines.slice(1).filter((l) => l !== '');
  const kept = data.slice(0, Math.round(data.length * fraction));
  const out = new AdmZip();
  out.addFile(entry.entryName, Buffer.from([header, ...kept, ''].join('\n'), 'latin1'));
  const path = join(mkdtempSync(join(tmpdir(), 'gridcell-bench-slice-')), `slice_${fraction}.zip`);
  out.writeZip(path);
  return path;
}
