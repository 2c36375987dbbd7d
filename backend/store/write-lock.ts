import { GridError } from '../domain';

/** How a write waits while another process (an import) holds the cache's write lock. */
export interface WriteWait {
  /** The longest wait before the write gives up with CACHE_BUSY. */
  maxMs: number;
  /** Told once, with the reason, when a write has to wait. */
  onWait?: (reason: string) => void;
}

/** The default longest wait: a minute, then the user is told the cache is busy. */
export const WRITE_WAIT_MS = 60_000;
const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 250;

/**
 * Runs `attempt` (which opens a write and fails at once with CACHE_BUSY while the cache is
 * locked) as soon as the cache can be written. The pauses between attempts are timers, so reads,
 * `/health` and everything else on the event loop go on while a write waits.
 */
export async function whenWritable<T>(attempt: () => Promise<T>, wait: WriteWait): Promise<T> {
  const deadline = Date.now() + wait.maxMs;
  let pause = FIRST_PAUSE_MS;
  let told = false;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof GridError) || e.code !== 'CACHE_BUSY' || Date.now() + pause > deadline) throw e;
      if (!told) wait.onWait?.(e.message);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  }
}
