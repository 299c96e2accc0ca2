// The content script: the page recorder in this frame, its messages handed to the background worker over
// one port per frame (a port keeps them in order).
import { RECORDER_PORT } from './protocol.ts';
import type { FromContent } from './protocol.ts';
// TEMPORARY: a stand-in for the recorder core until plugins/browser/recorder/src/recorder.ts lands on
// this branch; then this import becomes '../../recorder/src/recorder.ts' and recorder-stub.ts goes.
import { startRecorder } from './recorder-stub.ts';

let port: chrome.runtime.Port | null = null;

function send(message: unknown): void {
  try {
    if (!port) {
      const opened = chrome.runtime.connect({ name: RECORDER_PORT });
      opened.onDisconnect.addListener(() => {
        if (port === opened) port = null;
      });
      port = opened;
    }
    const out: FromContent = { type: 'recorder', message };
    port.postMessage(out);
  } catch (e) {
    // The extension was reloaded or removed: this frame's context is gone; nothing to send to.
    port = null;
  }
}

startRecorder(send, {});
