import { Clock, Timer } from '../../src/coalescer';

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that moves only when a test says so; timers run in time order as it moves. */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private scheduled: Scheduled[] = [];

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): Timer {
    const s: Scheduled = { at: this.t + ms, seq: this.seq++, fn, cancelled: false };
    this.scheduled.push(s);
    return { cancel: () => (s.cancelled = true) };
  }

  /** Moves time forward by ms, running each timer that comes due at its own time. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.scheduled
        .filter((s) => !s.cancelled && s.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) {
        break;
      }
      this.scheduled = this.scheduled.filter((s) => s !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }

  /** Timers set and neither run nor cancelled. */
  get pending(): number {
    return this.scheduled.filter((s) => !s.cancelled).length;
  }
}
