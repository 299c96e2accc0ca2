// The recording state as the action button shows it: pure functions, so they are tested without a browser.
import type { FromHost, RecordingState } from './protocol.ts';

export const INITIAL_STATE: RecordingState = {
  connected: false,
  recording: false,
  paused: false,
  session: '',
  received: 0,
  errors: 0,
  dropped: 0,
  error: '',
  options: null,
};

/** The state after a message from the host. */
export function applyHostMessage(state: RecordingState, message: FromHost): RecordingState {
  if (message.type === 'status') {
    return {
      ...state,
      recording: message.recording === true,
      paused: message.paused === true,
      session: typeof message.session === 'string' ? message.session : state.session,
      received: typeof message.received === 'number' ? message.received : state.received,
      errors: typeof message.errors === 'number' ? message.errors : state.errors,
      error: typeof message.error === 'string' ? message.error : '',
      options: message.options && typeof message.options === 'object' ? message.options : state.options,
    };
  }
  if (message.type === 'error') {
    return { ...state, errors: typeof message.errors === 'number' ? message.errors : state.errors + 1 };
  }
  return state;
}

/** The state after the native port closed; {@code why} is the browser's reason, if it gave one. */
export function disconnected(state: RecordingState, why: string | undefined): RecordingState {
  const error = state.error || why || 'the Understudy host closed the connection';
  return { ...state, connected: false, recording: false, paused: false, error };
}

/** Whether a recorder message from a page should go to the host now. */
export function forwards(state: RecordingState): boolean {
  return state.connected && !state.paused && state.error === '';
}

export interface Badge {
  text: string;
  color: string;
  title: string;
  /** Which icon set: the red dot while recording, grey otherwise. */
  icon: 'on' | 'off';
}

/** What the action button shows for a state. */
export function badge(state: RecordingState): Badge {
  if (state.recording && state.paused) {
    return { text: 'II', color: '#b06000', title: 'Understudy: paused — nothing is recorded', icon: 'off' };
  }
  if (state.recording) {
    return { text: 'REC', color: '#c5221f', title: 'Understudy: recording this browser (session ' + state.session.slice(0, 13) + ')', icon: 'on' };
  }
  if (state.error) {
    return { text: '!', color: '#5f6368', title: 'Understudy: not recording — ' + state.error, icon: 'off' };
  }
  if (state.connected) {
    return { text: '…', color: '#5f6368', title: 'Understudy: connecting to the host', icon: 'off' };
  }
  return { text: '', color: '#5f6368', title: 'Understudy: not recording', icon: 'off' };
}
