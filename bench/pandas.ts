import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childAnswer } from './child';

const run = promisify(execFile);
/** `python3` on the PATH first; Debian's own interpreter too, where `apt-get install python3-pandas` puts pandas. */
const PYTHONS = ['python3', '/usr/bin/python3'];

/** A Python that imports pandas, or undefined (the bench then prints why the peer is skipped). */
export async function pythonWithPandas(): Promise<string | undefined> {
  for (const python of PYTHONS) {
    const ok = await run(python, ['-c', 'import pandas']).then(
      () => true,
      () => false,
    );
    if (ok) return python;
  }
  return undefined;
}

/** One run of the pandas baseline on a file (bench/pandas_baseline.py). */
export interface PandasRun {
  /** Spawn to exit: Python's start, `import pandas`, the work, exit. */
  wallMs: number;
  /** The work alone, as the script times it (after `import pandas`). */
  seconds: number;
  rows: number;
  /** Values in the reshaped frame: what gridcell would store as points. */
  points: number;
  rows_per_s: number;
  peak_rss_mb: number;
}

export async function pandasOnce(python: string, file: string): Promise<PandasRun> {
  const { answer, wallMs } = await childAnswer<Omit<PandasRun, 'wallMs'>>(python, [join(__dirname, 'pandas_baseline.py'), file]);
  return { ...answer, wallMs };
}
