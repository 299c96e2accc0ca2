// The content script: the page recorder in this frame, its messages handed to the background worker over
// one port per frame (a port keeps them in order).
import { RECORDER_PORT } from './protocol.ts';
import type { FromContent } from './protocol.ts';
// The one recorder core (plugins/browser/recorder), bundled into this script by esbuild.
import { startRecorder } from '../../recorder/src/recorder.ts';
import type { RecorderMessage } from '../../recorder/src/recorder.ts';

let port: chrome.runtime.Port | null = null;

function send(message: RecorderMessage): void {
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

// Values, clipboard text and file names follow the recorder's defaults; the host's privacy pipeline applies the
// policy to everything again.
startRecorder(send);
