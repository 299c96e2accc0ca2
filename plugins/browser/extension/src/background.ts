// The background worker: one native port to the Understudy host for the whole browser. Content scripts in
// every frame hand it the recorder's messages; it passes them on unless capture is paused, keeps the action
// button's badge in step with the host's status, and serves the popup's pause switch.
//
// When the host refused or went away (no consent, not installed), the reason is kept for the browser session
// and the worker does not start the host again by itself each time it wakes (every page load could wake it,
// and each start is a Java process): the popup's "Connect again" does.
import { HOST_NAME, POPUP_PORT, PROTOCOL, RECORDER_PORT } from './protocol.ts';
import type { FromContent, FromHost, FromPopup, OptionsRequest, RecordingState, ToHost } from './protocol.ts';
import { INITIAL_STATE, applyHostMessage, badge, disconnected, forwards } from './state.ts';

let state: RecordingState = { ...INITIAL_STATE };
let host: chrome.runtime.Port | null = null;
const popups = new Set<chrome.runtime.Port>();
const STOPPED_KEY = 'understudyStoppedBecause';
// Each tab's top-level title and URL now (a port's sender is a snapshot from when its frame connected). The
// host permission is what lets the browser fill them in.
const tabs = new Map<number, { title: string; url: string }>();

chrome.tabs.onUpdated.addListener((id, _change, tab) => tabs.set(id, { title: tab.title ?? '', url: tab.url ?? '' }));
chrome.tabs.onRemoved.addListener((id) => tabs.delete(id));

function tabOf(sender: chrome.runtime.MessageSender | undefined): { tab?: number; tabTitle?: string; tabUrl?: string } {
  const tab = sender?.tab;
  if (tab?.id === undefined) return {};
  const known = tabs.get(tab.id);
  return { tab: tab.id, tabTitle: known?.title ?? tab.title ?? '', tabUrl: known?.url ?? tab.url ?? '' };
}

function connect(): void {
  if (host) return;
  state = { ...state, connected: true, recording: false, paused: false, error: '' };
  let port: chrome.runtime.Port;
  try {
    port = chrome.runtime.connectNative(HOST_NAME);
  } catch (e) {
    setState(disconnected(state, String(e)));
    return;
  }
  host = port;
  port.onMessage.addListener((message: FromHost) => {
    if (message && typeof message === 'object') setState(applyHostMessage(state, message));
  });
  port.onDisconnect.addListener(() => {
    const why = chrome.runtime.lastError?.message;
    if (host === port) host = null;
    setState(disconnected(state, why));
    chrome.storage.session.set({ [STOPPED_KEY]: state.error }).catch(() => {});
  });
  post({ type: 'hello', protocol: PROTOCOL, extension: chrome.runtime.getManifest().version });
  setState(state);
}

function post(message: ToHost): void {
  try {
    host?.postMessage(message);
  } catch (e) {
    // The port closed under us; onDisconnect says why.
  }
}

function setState(next: RecordingState): void {
  state = next;
  const b = badge(state);
  chrome.action.setBadgeText({ text: b.text });
  chrome.action.setBadgeBackgroundColor({ color: b.color });
  chrome.action.setTitle({ title: b.title });
  chrome.action.setIcon({ path: { 16: `icons/${b.icon}-16.png`, 32: `icons/${b.icon}-32.png` } });
  for (const popup of popups) popup.postMessage(state);
}

function fromPopup(message: FromPopup): void {
  if (message.type === 'pause') {
    post({ type: message.paused ? 'pause' : 'resume' });
  } else if (message.type === 'reconnect') {
    chrome.storage.session.remove(STOPPED_KEY).catch(() => {});
    connect();
  }
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name === RECORDER_PORT) {
    port.onMessage.addListener((message: FromContent) => {
      if (!message || message.type !== 'recorder') return;
      if (!forwards(state)) {
        state = { ...state, dropped: state.dropped + 1 };
        return;
      }
      post({ type: 'recorder', ...tabOf(port.sender), frame: port.sender?.frameId, message: message.message });
    });
  } else if (port.name === POPUP_PORT) {
    popups.add(port);
    port.onDisconnect.addListener(() => popups.delete(port));
    port.onMessage.addListener((message: FromPopup) => fromPopup(message));
    port.postMessage(state);
  }
});

// A frame's recorder asks once, as it starts, what it may send under the policy.
chrome.runtime.onMessage.addListener((message: OptionsRequest, _sender, reply) => {
  if (message?.type === 'recorder-options') reply(state.options);
});

chrome.storage.session.get(STOPPED_KEY).then(
  (saved) => {
    const why = saved[STOPPED_KEY];
    if (typeof why === 'string' && why !== '') setState({ ...state, error: why });
    else connect();
  },
  () => connect(),
);
