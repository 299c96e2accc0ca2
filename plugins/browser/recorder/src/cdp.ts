// The DevTools Protocol entry: injected by the Java side into an isolated world of every frame, it hands
// each message to the binding that only that world can see. The Java side puts the options in place of
// __UNDERSTUDY_OPTIONS__ before injecting (RecorderScript).

import type { RecorderOptions } from './messages';
import { startRecorder } from './recorder';

declare const __UNDERSTUDY_OPTIONS__: RecorderOptions | undefined;

/** The binding name the Java side adds with Runtime.addBinding. */
const BINDING = '__understudy';
/** A batch is sent at once when it would grow past this many characters. */
const MAX_BATCH_CHARS = 48 * 1024;

(() => {
  const binding = (globalThis as unknown as Record<string, unknown>)[BINDING];
  if (typeof binding !== 'function') return;
  const options = typeof __UNDERSTUDY_OPTIONS__ !== 'undefined' ? __UNDERSTUDY_OPTIONS__ : undefined;
  const deliver = binding as (payload: string) => void;
  // A binding call is the costly part of sending (far more than the JSON): the messages of one event (a scroll
  // that settled and the click after it, a typed value and the key that ended it) go in one call, one JSON
  // text a line (JSON.stringify never writes a raw newline), at the end of the task that produced them.
  const queue: string[] = [];
  let chars = 0;
  const flush = (): void => {
    if (queue.length === 0) return;
    const batch = queue.join('\n');
    queue.length = 0;
    chars = 0;
    deliver(batch);
  };
  startRecorder((msg) => {
    const json = JSON.stringify(msg);
    if (chars + json.length > MAX_BATCH_CHARS) flush();
    queue.push(json);
    chars += json.length + 1;
    if (queue.length === 1) queueMicrotask(flush);
  }, options);
})();
