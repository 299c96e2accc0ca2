/**
 * Holds back rapid values per key and passes on only the last one: selections while the cursor moves or a
 * drag is under way. Time comes from an injected Clock so tests drive it by hand.
 */

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs fn once after ms milliseconds unless cancelled. */
  setTimer(fn: () => void, ms: number): Timer;
}

/** The real clock: Date.now and setTimeout. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A value is passed on once no newer one came for this long (300 ms). */
export const DEFAULT_QUIET_MS = 300;
/** ...and at the latest this long after the first value held back, so a long drag still shows (1 s). */
export const DEFAULT_MAX_WAIT_MS = 1000;

interface Pending<V> {
  value: V;
  /** When the first value was held back: the max-wait deadline runs from here. */
  readonly first: number;
  /** When the latest value came: flushAll passes values on in this order. */
  last: number;
  timer: Timer;
}

/**
 * Per key, passes on the last value once `quietMs` passed without a newer one, or `maxWaitMs` after the
 * first value it held back, whichever comes first. Keys are compared by identity (a Map key), so a VS Code
 * TextEditor object can be one: each editor, even two on the same document, is coalesced on its own.
 */
export class Coalescer<K, V> {
  private readonly pending = new Map<K, Pending<V>>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (value: V) => void,
    private readonly quietMs: number = DEFAULT_QUIET_MS,
    private readonly maxWaitMs: number = DEFAULT_MAX_WAIT_MS,
  ) {
    if (!(quietMs >= 0)) {
      throw new RangeError(`quietMs must be >= 0, was ${quietMs}`);
    }
    if (!(maxWaitMs >= quietMs)) {
      throw new RangeError(`maxWaitMs must be >= quietMs (${quietMs}), was ${maxWaitMs}`);
    }
  }

  /** Holds value back as the latest for key. */
  offer(key: K, value: V): void {
    const now = this.clock.now();
    const held = this.pending.get(key);
    if (held === undefined) {
      const entry: Pending<V> = { value, first: now, last: now, timer: this.schedule(key, this.quietMs) };
      this.pending.set(key, entry);
      return;
    }
    held.value = value;
    held.last = now;
    held.timer.cancel();
    const delay = Math.min(this.quietMs, held.first + this.maxWaitMs - now);
    if (delay <= 0) {
      this.flush(key);
    } else {
      held.timer = this.schedule(key, delay);
    }
  }

  /** Passes on what is held for key now. */
  flush(key: K): void {
    const held = this.pending.get(key);
    if (held === undefined) {
      return;
    }
    this.pending.delete(key);
    held.timer.cancel();
    this.emit(held.value);
  }

  /** Passes on everything held now, in the order the values came. */
  flushAll(): void {
    const keys = [...this.pending.entries()].sort((a, b) => a[1].last - b[1].last).map(([k]) => k);
    for (const key of keys) {
      this.flush(key);
    }
  }

  /** Forgets everything held without passing it on. */
  discardAll(): void {
    for (const held of this.pending.values()) {
      held.timer.cancel();
    }
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }

  private schedule(key: K, ms: number): Timer {
    return this.clock.setTimer(() => this.flush(key), ms);
  }
}
