import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { measured, type Figure } from './figures';
import { repeat } from './stats';

const run = promisify(execFile);
/** `python3` on the PATH first; Debian's own interpreter too, where `apt-get install python3-pandas` puts pandas. */
const PYTHONS = ['python3', '/usr/bin/python3'];

async function pythonWithPandas(): Promise<string | undefined> {
  for (const python of PYTHONS) {
    const ok = await run(python, ['-c', 'import pandas']).then(
      () => true,
      () => false,
    );
    if (ok) return python;
  }
  return undefined;
}

/** The pandas baseline on the same CAISO zip; nothing (with the reason printed) without the zip or without pandas. */
export async function pandasBench(caisoZip: string, times: number, log: (line: string) => void): Promise<Figure[]> {
  if (!existsSync(caisoZip)) {
    log(`pandas baseline: skipped (fixture ${basename(caisoZip)} is absent)`);
    return [];
  }
  const python = await pythonWithPandas();
  if (!python) {
    log('pandas baseline: skipped (pandas not installed)');
    return [];
  }
  const results = await repeat(times, async () => {
    const { stdout } = await run(python, [join(__dirname, 'pandas_baseline.py'), caisoZip]);
    return JSON.parse(stdout) as { rows: number; rows_per_s: number; peak_rss_mb: number };
  });
  const note = `pandas: read_csv + to_datetime + pivot LMP_TYPE, in memory, nothing stored; ${results[0].rows.toLocaleString('en-US')} rows`;
  return [
    measured(
      'pandas baseline, CAISO DAM whole zip: rows/s',
      'rows/s',
      results.map((r) => r.rows_per_s),
      { note },
    ),
    measured(
      'pandas baseline, CAISO DAM whole zip: peak RSS',
      'MB',
      results.map((r) => r.peak_rss_mb),
    ),
  ];
}
