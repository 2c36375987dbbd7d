import type { HttpTime } from '../../../backend/http/client';

/**
 * A clock that sleeping moves forward: a wait of 10 s takes no real time, and `now()` is then
 * 10 s later. Sleepers wake in the order of their wake times, so the spacing of several hosts is
 * measured as it would be lived. Real I/O (the local upstream's answers) takes no simulated time.
 */
export class SimulatedTime implements HttpTime {
  private current: number;
  private readonly sleepers: { wake: number; resolve: () => void }[] = [];
  private pumping = false;

  constructor(start: string) {
    this.current = Date.parse(start);
  }

  now = (): number => this.current;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.sleepers.push({ wake: this.current + Math.max(0, ms), resolve });
      this.schedule();
    });

  /** Simulated milliseconds since `since`. */
  elapsed(since: number): number {
    return this.current - since;
  }

  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    // A real moment first, so that every task already running registers its own wait before the earliest is woken.
    setTimeout(() => {
      this.pumping = false;
      this.sleepers.sort((a, b) => a.wake - b.wake);
      const next = this.sleepers.shift();
      if (!next) return;
      this.current = Math.max(this.current, next.wake);
      next.resolve();
      if (this.sleepers.length) this.schedule();
    }, 2);
  }
}
