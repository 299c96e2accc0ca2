// The popup: what the recording is doing, and the pause switch.
import { POPUP_PORT } from './protocol.ts';
import type { FromPopup, RecordingState } from './protocol.ts';

const status = document.getElementById('status') as HTMLParagraphElement;
const pause = document.getElementById('pause') as HTMLInputElement;
const reconnect = document.getElementById('reconnect') as HTMLButtonElement;
const details = document.getElementById('details') as HTMLDivElement;

const port = chrome.runtime.connect({ name: POPUP_PORT });
const send = (message: FromPopup) => port.postMessage(message);

port.onMessage.addListener((state: RecordingState) => {
  status.className = state.recording ? (state.paused ? 'paused' : 'recording') : '';
  status.textContent = state.recording
    ? state.paused ? 'Paused: nothing is recorded.' : 'Recording this browser.'
    : state.connected && !state.error ? 'Connecting…' : 'Not recording' + (state.error ? ': ' + state.error : '.');
  pause.disabled = !state.recording;
  pause.checked = state.paused;
  reconnect.hidden = state.connected;
  details.textContent = state.session
    ? `Session ${state.session.slice(0, 13)} · ${state.received} sent · ${state.errors} rejected`
    : '';
});

pause.addEventListener('change', () => send({ type: 'pause', paused: pause.checked }));
reconnect.addEventListener('click', () => send({ type: 'reconnect' }));
