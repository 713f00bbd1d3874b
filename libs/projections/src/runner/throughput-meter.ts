/** Events per second over a sliding window, for progress logs and the admin routes. */
export class ThroughputMeter {
  private samples: { at: number; count: number }[] = [];
  private since: number;

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.since = now();
  }

  /** Starts measuring afresh (a new catch-up). */
  reset(): void {
    this.samples = [];
    this.since = this.now();
  }

  record(count: number): void {
    this.samples.push({ at: this.now(), count });
    this.trim();
  }

  /** Events recorded in the window ÷ the part of the window since measuring started. */
  perSecond(): number {
    this.trim();
    const now = this.now();
    const spanMs = Math.min(this.windowMs, now - this.since);
    if (spanMs <= 0) return 0;
    const total = this.samples.reduce((sum, sample) => sum + sample.count, 0);
    return Math.round((total * 1000) / spanMs);
  }

  private trim(): void {
    const start = this.now() - this.windowMs;
    while (this.samples.length > 0 && this.samples[0].at <= start) this.samples.shift();
  }
}
