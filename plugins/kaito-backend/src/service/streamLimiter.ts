/**
 * At most `perUser` chats in flight per user on this replica. A chat holds
 * its slot from the moment it is accepted until its reply ends or the client
 * goes away. The count lives in memory: a chat's lifetime is bound to this
 * process's socket, so a crashed replica frees its slots with it. With N
 * replicas behind a load balancer, a user can hold up to N × `perUser`.
 *
 * @internal
 */
export class StreamLimiter {
  readonly #inFlight = new Map<string, number>();

  constructor(private readonly perUser: number) {}

  /** Takes a slot; returns its release (safe to call twice), or undefined when the user holds them all. */
  tryAcquire(user: string): (() => void) | undefined {
    const held = this.#inFlight.get(user) ?? 0;
    if (held >= this.perUser) return undefined;
    this.#inFlight.set(user, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#inFlight.get(user) ?? 1) - 1;
      if (left > 0) this.#inFlight.set(user, left);
      else this.#inFlight.delete(user);
    };
  }

  /** Chats in flight for a user. */
  held(user: string): number {
    return this.#inFlight.get(user) ?? 0;
  }
}
