import { execFile, type ExecFileOptions } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a program that answers with one line of JSON (its last line of output): the answer, and
 * the wall time from spawn to exit.
 */
export async function childAnswer<T>(file: string, args: string[], options: ExecFileOptions = {}): Promise<{ answer: T; wallMs: number }> {
  const t0 = performance.now();
  const { stdout } = await run(file, args, { maxBuffer: 16 * 1024 * 1024, ...options, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  const last = stdout.trimEnd().split('\n').pop() ?? '';
  try {
    return { answer: JSON.parse(last) as T, wallMs };
  } catch {
    throw new Error(`${file} ${args[0] ?? ''} did not answer with JSON: ${stdout.slice(-500)}`);
  }
}
