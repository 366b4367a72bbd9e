/**
 * Lets at most `perTurn` callers go on in one turn of the event loop; the
 * rest wait, in arrival order, `perTurn` a turn.
 *
 * For chats that start together: they are all read in one poll of the event
 * loop, and each would be prepared up to its upstream request (auth, limits,
 * audit, the request itself) before the loop reads any socket again, so the
 * first chats' replies, already on their way back, would be relayed only
 * after the last chat of the burst was prepared. Between two turns the loop
 * reads what has come in, so the first tokens go out while the rest of the
 * burst is still being prepared. A caller in a quiet moment never waits.
 *
 * @internal
 */
export class TurnShare {
  #goneThisTurn = 0;
  readonly #waiting: Array<() => void> = [];
  #turnEndScheduled = false;

  constructor(private readonly perTurn: number) {}

  /** Undefined when the caller may go on now; else a promise that resolves in a later turn. */
  wait(): Promise<void> | undefined {
    this.#scheduleTurnEnd();
    if (this.#waiting.length === 0 && this.#goneThisTurn < this.perTurn) {
      this.#goneThisTurn++;
      return undefined;
    }
    return new Promise(resolve => this.#waiting.push(resolve));
  }

  #scheduleTurnEnd(): void {
    if (this.#turnEndScheduled) return;
    this.#turnEndScheduled = true;
    setImmediate(this.#nextTurn);
  }

  /** A new turn: the next waiting callers go, and the turn after is scheduled while any went or wait. */
  readonly #nextTurn = (): void => {
    this.#turnEndScheduled = false;
    this.#goneThisTurn = 0;
    while (this.#waiting.length > 0 && this.#goneThisTurn < this.perTurn) {
      this.#goneThisTurn++;
      this.#waiting.shift()!();
    }
    if (this.#goneThisTurn > 0) this.#scheduleTurnEnd();
  };
}
