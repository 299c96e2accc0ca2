// What the extension and the Understudy native host say to each other (protocol 1). The host side is
// dev.understudy.plugins.browser.nativehost.NativeHost; docs/browser-extension.md explains both.

/** The native messaging host's name, as in its manifest written by 'understudy browser install'. */
export const HOST_NAME = 'dev.understudy.host';
/** The protocol version sent with hello. */
export const PROTOCOL = 1;
/** The port name content scripts connect with. */
export const RECORDER_PORT = 'understudy-recorder';
/** The port name the popup connects with. */
export const POPUP_PORT = 'understudy-popup';

/** Extension to host. */
export type ToHost =
  | { type: 'hello'; protocol: number; extension: string }
  | { type: 'status' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'recorder'; tab?: number; frame?: number; tabTitle?: string; tabUrl?: string; message: unknown };

/** Host to extension. */
export type FromHost =
  | {
      type: 'status';
      protocol: number;
      host?: string;
      session?: string;
      recording: boolean;
      paused: boolean;
      received?: number;
      errors?: number;
      error?: string;
      /** What the page recorder may send under the policy (RecorderOptions). */
      options?: Record<string, unknown>;
    }
  | { type: 'error'; reason: string; detail: string; errors: number };

/** What the background knows, shown by the badge and the popup. */
export interface RecordingState {
  /** A native port is open. */
  connected: boolean;
  /** The host said it records. */
  recording: boolean;
  paused: boolean;
  session: string;
  /** Recorder messages the host received. */
  received: number;
  /** Messages the host rejected. */
  errors: number;
  /** Messages dropped here: paused, or no host. */
  dropped: number;
  /** Why it does not record, when it does not. */
  error: string;
  /** The recorder options the host gave; null before it gave any. */
  options: Record<string, unknown> | null;
}

/** Popup to background. */
export type FromPopup = { type: 'pause'; paused: boolean } | { type: 'reconnect' };

/** Content script to background, over its port. */
export interface FromContent {
  type: 'recorder';
  message: unknown;
}

/** Content script to background, once at start (answered with the options, or null). */
export interface OptionsRequest {
  type: 'recorder-options';
}
