// The content script: the page recorder in this frame, its messages handed to the background worker over
// one port per frame (a port keeps them in order).
import { RECORDER_PORT } from './protocol.ts';
import type { FromContent, OptionsRequest } from './protocol.ts';
// The one recorder core (plugins/browser/recorder), bundled into this script by esbuild.
import { startRecorder } from '../../recorder/src/recorder.ts';
import type { RecorderMessage, RecorderOptions } from '../../recorder/src/recorder.ts';

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

// The recorder starts with what the policy lets it send (values, clipboard text, file names), as the host told
// the background; with the recorder's own defaults when the host has not said yet. The host's privacy pipeline
// applies the policy to everything again.
const request: OptionsRequest = { type: 'recorder-options' };
chrome.runtime.sendMessage(request).then(
  (options: RecorderOptions | null) => startRecorder(send, options ?? undefined),
  () => startRecorder(send),
);
