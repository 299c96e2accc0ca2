// The DevTools Protocol entry: injected by the Java side into an isolated world of every frame, it hands
// each message to the binding that only that world can see. The Java side puts the options in place of
// __UNDERSTUDY_OPTIONS__ before injecting (RecorderScript).

import type { RecorderOptions } from './messages';
import { startRecorder } from './recorder';

declare const __UNDERSTUDY_OPTIONS__: RecorderOptions | undefined;

/** The binding name the Java side adds with Runtime.addBinding. */
const BINDING = '__understudy';

(() => {
  const binding = (globalThis as unknown as Record<string, unknown>)[BINDING];
  if (typeof binding !== 'function') return;
  const options = typeof __UNDERSTUDY_OPTIONS__ !== 'undefined' ? __UNDERSTUDY_OPTIONS__ : undefined;
  const deliver = binding as (payload: string) => void;
  startRecorder((msg) => deliver(JSON.stringify(msg)), options);
})();
