// The messages the recorder sends, format 1. docs/browser-recorder-messages.md explains them; the Java
// translator (dev.understudy.plugins.browser.RecorderTranslator) validates them.

/** The format version in every message. */
export const FORMAT_VERSION = 1;

/** One way to find an element again, and how many elements it matched when the event happened. */
export interface LocatorInfo {
  kind: 'testId' | 'label' | 'css' | 'xpath' | 'text';
  value: string;
  /** Elements matched in the same document or shadow root, up to the target's `countCap`; 0 when not measured. */
  count: number;
  /** For `testId`: the attribute it came from (`data-testid`, `data-cy`, ...). */
  attr?: string;
}

/** A shadow host or iframe element on the way to a target, by CSS path within its own root. */
export interface PathStep {
  css: string;
  count: number;
}

/** One iframe on the way from the top document to a frame. */
export interface FrameStep extends PathStep {
  /** Shadow hosts between the parent document and the iframe element, outermost first. */
  shadow: PathStep[];
}

/** A container around a target, or an element named only by role and name. */
export interface RoleName {
  role: string;
  name: string;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The element an action was done to. */
export interface TargetInfo extends RoleName {
  tag: string;
  inputType?: string;
  autocomplete?: string;
  secure: boolean;
  /** Elements with the same role and name in the same document or shadow root, up to `countCap`; 0 when not measured. */
  roleNameCount: number;
  /**
   * Counting stopped at this many matches: a count (roleNameCount, a locator's or a shadow step's) equal to it
   * means at least that many. Absent: the counts are exact.
   */
  countCap?: number;
  locators: LocatorInfo[];
  shadow: PathStep[];
  context: RoleName[];
  bounds?: Bounds;
}

export interface FrameInfo {
  url: string;
  top: boolean;
  title: string;
  /** Iframes from the top document down to this frame; absent while unknown. */
  path?: FrameStep[];
}

interface Envelope {
  v: typeof FORMAT_VERSION;
  rid: string;
  seq: number;
  t: number;
  frame: FrameInfo;
}

export type ClickMethod = 'click' | 'double' | 'context' | 'keyboard';
export type ValueKind = 'text' | 'number' | 'date' | 'option' | 'checked' | 'file';
export type ValueCause = 'change' | 'blur' | 'submit' | 'navigation' | 'key' | 'action';
export type NavigationHow = 'load' | 'reload' | 'back_forward' | 'push' | 'replace' | 'traverse' | 'hash';
export type Modifier = 'ctrl' | 'shift' | 'alt' | 'meta';

export interface ClickEvent {
  type: 'click';
  target: TargetInfo;
  method: ClickMethod;
  button: number;
}

export interface ValueEvent {
  type: 'value';
  target: TargetInfo;
  valueKind: ValueKind;
  value?: string;
  previousValue?: string;
  omitted: boolean;
  truncated?: boolean;
  cause: ValueCause;
  fileCount?: number;
  fileNames?: string[];
}

export interface SubmitEvent {
  type: 'submit';
  target: TargetInfo;
  submitter?: RoleName;
}

export interface NavigateEvent {
  type: 'navigate';
  url: string;
  previousUrl?: string;
  how: NavigationHow;
  /** Whether the page was visible (its tab in front) when it navigated. */
  visible?: boolean;
}

export interface KeyEvent {
  type: 'key';
  target: TargetInfo;
  key: string;
  modifiers: Modifier[];
}

export interface ScrollEvent {
  type: 'scroll';
  target: TargetInfo;
  dx: number;
  dy: number;
  permille: number;
}

export interface ClipboardEvent {
  type: 'clipboard';
  target: TargetInfo;
  op: 'copy' | 'cut' | 'paste';
  length: number;
  content?: string;
  mediaType: string;
}

export interface DropEvent {
  type: 'drop';
  target: TargetInfo;
  source?: TargetInfo;
  fileCount: number;
}

export interface FocusEvent {
  type: 'focus';
  target: TargetInfo;
  previous?: RoleName;
}

export interface ActivateEvent {
  type: 'activate';
}

/** What happened, without the envelope: what the recorder's parts produce. */
export type RecorderEvent =
  | ClickEvent
  | ValueEvent
  | SubmitEvent
  | NavigateEvent
  | KeyEvent
  | ScrollEvent
  | ClipboardEvent
  | DropEvent
  | FocusEvent
  | ActivateEvent;

/** One message as handed to the transport. */
export type RecorderMessage = RecorderEvent & Envelope;

/** Options a transport passes to startRecorder; every field has a default. */
export interface RecorderOptions {
  /** Send field values at all; default true. */
  textContent?: boolean;
  /** Send clipboard text; default false. */
  clipboardContent?: boolean;
  /** Send chosen file names; default false. */
  fileNames?: boolean;
  /** Host globs on which every value is omitted; default none. */
  maskValuesHosts?: string[];
  /** Longer values are cut and marked truncated; default 2000. */
  maxValueLength?: number;
  /** Quiet time that ends a scroll, in ms; default 400. */
  scrollQuietMs?: number;
  /** A count that has not settled after this many candidates is not measured; default 3000. */
  countLimit?: number;
  /** Counting stops at this many matches (a count equal to it means at least that many); default 2, at least 2. */
  countCap?: number;
  /** How long a frame waits for its parent to tell its frame path, in ms; default 1000. */
  framePathTimeoutMs?: number;
}

/** The options with every default filled in. */
export type ResolvedOptions = Required<RecorderOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  textContent: true,
  clipboardContent: false,
  fileNames: false,
  maskValuesHosts: [],
  maxValueLength: 2000,
  scrollQuietMs: 400,
  countLimit: 3000,
  countCap: 2,
  framePathTimeoutMs: 1000,
};

/** Fills in defaults, ignoring fields of the wrong type (options may come from JSON). */
export function resolveOptions(options: RecorderOptions | undefined): ResolvedOptions {
  const o: ResolvedOptions = { ...DEFAULT_OPTIONS };
  if (!options) return o;
  for (const key of ['textContent', 'clipboardContent', 'fileNames'] as const) {
    if (typeof options[key] === 'boolean') o[key] = options[key] as boolean;
  }
  for (const key of ['maxValueLength', 'scrollQuietMs', 'countLimit', 'countCap', 'framePathTimeoutMs'] as const) {
    const v = options[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) o[key] = Math.floor(v);
  }
  o.countCap = Math.max(2, o.countCap); // below 2 a unique locator could not be told from an ambiguous one
  if (Array.isArray(options.maskValuesHosts)) {
    o.maskValuesHosts = options.maskValuesHosts.filter((h): h is string => typeof h === 'string');
  }
  return o;
}
