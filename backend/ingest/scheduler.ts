import type { IngestEntryStatus } from '../../contract';
import { isGridError, type MarketDay } from '../domain';
import { addDays, marketDay } from '../time/clock';
import type { DayFetcher } from './fetch-day';
import type { IngestEntry } from './plan';
import { backoffMs, daysDue, nextPass, pollMs } from './timing';

/** The clock and timers the scheduler runs on: the real ones, or a test's. */
export interface IngestTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: IngestTimers = {
  now: Date.now,
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface IngestOptions {
  timers?: IngestTimers;
  /** A day's fetch taking longer than this counts as failed (the entry goes on; the fetch is left to end). */
  timeoutMs?: number;
  /** One line per fetch. */
  log?: (line: string) => void;
  /** Removes secrets from error text (the app's redactor). */
  redact?: (text: string) => string;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * Keeps each entry of an ingest plan current, each on its own loop with its own timer: a source
 * that fails, or hangs until the timeout, delays only its own entry, which backs off.
 */
export class IngestScheduler {
  private readonly loops: EntryLoop[];

  constructor(entries: IngestEntry[], fetchDay: DayFetcher, options: IngestOptions = {}) {
    const settings: LoopSettings = {
      timers: options.timers ?? realTimers,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      log: options.log ?? (() => undefined),
      redact: options.redact ?? ((t) => t),
      fetchDay,
    };
    this.loops = entries.map((entry) => new EntryLoop(entry, settings));
  }

  /** Every entry's first pass starts at once. */
  start(): void {
    for (const loop of this.loops) loop.start();
  }

  stop(): void {
    for (const loop of this.loops) loop.stop();
  }

  status(): IngestEntryStatus[] {
    return this.loops.map((loop) => loop.status());
  }
}

interface LoopSettings {
  timers: IngestTimers;
  timeoutMs: number;
  log: (line: string) => void;
  redact: (text: string) => string;
  fetchDay: DayFetcher;
}

class EntryLoop {
  private state: IngestEntryStatus['state'] = 'waiting';
  private lastSuccess?: number;
  private lastDay?: MarketDay;
  private lastError?: string;
  private nextRun?: number;
  private failures = 0;
  private timer: unknown;
  private stopped = false;
  /** Days fetched for good (final, or a day-ahead day once in): not fetched again. */
  private readonly had = new Set<MarketDay>();
  private readonly periodMs: number;

  constructor(
    private readonly entry: IngestEntry,
    private readonly s: LoopSettings,
  ) {
    this.periodMs = pollMs(entry.schedule, entry.intervalMinutes);
  }

  start(): void {
    this.stopped = false;
    this.at(this.s.timers.now());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.s.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.nextRun = undefined;
  }

  status(): IngestEntryStatus {
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    return {
      market: this.entry.market,
      run: this.entry.run,
      locations: this.entry.locations.length,
      state: this.state,
      lastSuccess: iso(this.lastSuccess),
      lastDay: this.lastDay,
      lastError: this.lastError === undefined ? undefined : this.s.redact(this.lastError),
      nextRun: iso(this.nextRun),
    };
  }

  private at(when: number): void {
    if (this.stopped) return;
    this.nextRun = when;
    this.timer = this.s.timers.setTimeout(() => void this.pass(), Math.max(0, when - this.s.timers.now()));
  }

  /** One pass: the days due, oldest first; then the next pass, sooner while a day is missing, later after failures. */
  private async pass(): Promise<void> {
    const { entry, s } = this;
    this.timer = undefined;
    this.state = 'fetching';
    const days = daysDue(entry.schedule, s.timers.now(), entry.clock, this.had);
    let missing = 0;
    let failure: string | undefined;
    for (const day of days) {
      if (this.stopped) return;
      const name = `${entry.market} ${entry.run} ${day}`;
      try {
        const got = await this.withTimeout(
          Promise.resolve().then(() => s.fetchDay(entry, day)),
          name,
        );
        if (this.stopped) return;
        this.lastSuccess = s.timers.now();
        this.lastDay = day;
        if (got.final || (entry.schedule.kind === 'day-ahead' && got.points > 0)) this.had.add(day);
        s.log(`${name}: ${got.points} points${got.final ? ' (final)' : ''}`);
      } catch (e) {
        if (this.stopped) return;
        if (isGridError(e, 'NOT_PUBLISHED') || isGridError(e, 'NO_DATA')) {
          missing++;
          s.log(`${name}: not published yet`);
          continue;
        }
        failure = e instanceof Error ? e.message : String(e);
        s.log(`${name}: failed: ${s.redact(failure)}`);
      }
    }
    const now = s.timers.now();
    this.forgetOldDays(now);
    if (failure !== undefined) {
      this.failures++;
      this.state = 'failed';
      this.lastError = failure;
      this.at(now + backoffMs(this.failures));
    } else {
      this.failures = 0;
      this.state = 'waiting';
      this.lastError = undefined;
      this.at(nextPass(entry.schedule, now, entry.clock, this.periodMs, missing));
    }
  }

  private withTimeout<T>(work: Promise<T>, name: string): Promise<T> {
    const { timers, timeoutMs } = this.s;
    return new Promise<T>((resolve, reject) => {
      const timer = timers.setTimeout(
        () => reject(new Error(`${name} took longer than ${Math.round(timeoutMs / 1000)} s; it is left to end on its own.`)),
        timeoutMs,
      );
      work.then(
        (value) => {
          timers.clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          timers.clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Only yesterday onwards can be due again. */
  private forgetOldDays(now: number): void {
    const yesterday = addDays(marketDay(now, this.entry.clock), -1);
    for (const day of this.had) if (day < yesterday) this.had.delete(day);
  }
}
