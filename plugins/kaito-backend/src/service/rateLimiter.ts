/**
 * A sliding one-minute window per user: at most `perMinute` requests.
 *
 * @internal
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Records a request; returns the seconds to wait when over the limit. */
  tryTake(user: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const recent = (this.#hits.get(user) ?? []).filter(t => t > now - 60_000);
    if (recent.length >= this.perMinute) {
      this.#hits.set(user, recent);
      return { ok: false, retryAfterSeconds: Math.ceil((recent[0] + 60_000 - now) / 1000) };
    }
    recent.push(now);
    this.#hits.set(user, recent);
    return { ok: true };
  }
}
