import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Coalescer } from '../../src/coalescer';
import { ManualClock } from '../support/manualClock';

function setup(quiet = 300, maxWait = 1000) {
  const clock = new ManualClock();
  const out: string[] = [];
  const c = new Coalescer<object, string>(clock, (v) => out.push(v), quiet, maxWait);
  return { clock, out, c };
}

describe('Coalescer', () => {
  it('passes on only the last value once the key was quiet for the quiet time', () => {
    const { clock, out, c } = setup();
    const a = {};
    c.offer(a, 'a1');
    clock.advance(100);
    c.offer(a, 'a2');
    clock.advance(299);
    assert.deepEqual(out, []);
    clock.advance(1);
    assert.deepEqual(out, ['a2']);
    assert.equal(c.size, 0);
    assert.equal(clock.pending, 0);
  });

  it('passes a steady stream on at the max wait after the first value held back', () => {
    const { clock, out, c } = setup();
    const a = {};
    for (let i = 0; i < 25; i++) {
      c.offer(a, `a${i}`);
      clock.advance(100);
    }
    // Values every 100 ms from 0 to 2400 ms are never quiet for 300 ms: the latest goes 1000 ms after
    // the first one held back (a9 at 1000 ms), then a19 at 2000 ms; a24 once the stream stops.
    assert.deepEqual(out, ['a9', 'a19']);
    clock.advance(300);
    assert.deepEqual(out, ['a9', 'a19', 'a24']);
  });

  it('coalesces each key on its own', () => {
    const { clock, out, c } = setup();
    const a = {};
    const b = {};
    c.offer(a, 'a1');
    clock.advance(200);
    c.offer(b, 'b1');
    clock.advance(100);
    assert.deepEqual(out, ['a1']);
    clock.advance(200);
    assert.deepEqual(out, ['a1', 'b1']);
  });

  it('flushAll passes on everything held, in the order the latest values came', () => {
    const { clock, out, c } = setup();
    const a = {};
    const b = {};
    c.offer(a, 'a1');
    clock.advance(10);
    c.offer(b, 'b1');
    clock.advance(10);
    c.offer(a, 'a2');
    c.flushAll();
    assert.deepEqual(out, ['b1', 'a2']);
    clock.advance(5000);
    assert.deepEqual(out, ['b1', 'a2'], 'a flushed value is not passed on again by its timer');
  });

  it('discardAll forgets what is held and cancels its timers', () => {
    const { clock, out, c } = setup();
    c.offer({}, 'x');
    c.discardAll();
    clock.advance(5000);
    assert.deepEqual(out, []);
    assert.equal(clock.pending, 0);
  });

  it('refuses a max wait shorter than the quiet time, naming both', () => {
    assert.throws(() => new Coalescer(new ManualClock(), () => {}, 300, 100), /maxWaitMs must be >= quietMs \(300\), was 100/);
    assert.throws(() => new Coalescer(new ManualClock(), () => {}, -1, 100), /quietMs must be >= 0, was -1/);
  });
});
