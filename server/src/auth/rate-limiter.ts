/**
 * Counts failed sign-ins per account and per address in fixed windows. In memory: with several
 * server instances each keeps its own count, which still bounds guessing per instance.
 */

interface Window {
  count: number;
  resetAt: number;
}

export class FailureLimiter {
  readonly #windows = new Map<string, Window>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const w = this.#windows.get(key);
    if (!w) return 0;
    const now = this.now();
    if (now >= w.resetAt) {
      this.#windows.delete(key);
      return 0;
    }
    return w.count >= this.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const w = this.#windows.get(key);
    if (!w || now >= w.resetAt) {
      this.#windows.set(key, { count: 1, resetAt: now + this.windowMs });
    } else {
      w.count += 1;
    }
    if (this.#windows.size > 100_000) this.#sweep(now);
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }

  #sweep(now: number): void {
    for (const [k, w] of this.#windows) if (now >= w.resetAt) this.#windows.delete(k);
  }
}
