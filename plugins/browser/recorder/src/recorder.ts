// The recorder core: listens to what the person does in one window (frame) and hands one semantic message
// per action to the transport's send function. Free of any transport: the DevTools entry (cdp.ts) and the
// extension's content script both call startRecorder. docs/browser-recorder-messages.md describes the output.

import { crossesOpenShadowRoot, deepActiveElement, editingHost, eventElement, isInputOfType, isTextEntry, shadowHosts } from './dom';
import {
  FORMAT_VERSION,
  resolveOptions,
  type FrameInfo,
  type FrameStep,
  type NavigationHow,
  type RecorderEvent,
  type RecorderMessage,
  type RecorderOptions,
  type ResolvedOptions,
  type RoleName,
  type TargetInfo,
  type ValueCause,
  type ValueEvent,
  type ValueKind,
} from './messages';
import { classifyKey, hostMatches, randomId, scrollPermille, truncate, valueKindForInput } from './pure';
import { roleOf } from './roles';
import { isSecureElement, notePasswordFields } from './secure';
import { actionableElement, describeTarget, documentTarget, roleAndName } from './target';
import { cssStep } from './locators';
import { prepareIndex, stopAttributedIndexes } from './attributed';
import { snapshotPage, type PageSnapshot } from './snapshot';

export type { RecorderMessage, RecorderOptions } from './messages';

/** A running recorder. */
export interface Recorder {
  /** Sends what is held back (typed values, a scroll in progress) now. */
  flush(): void;
  /** Sends what is held back and stops listening. */
  stop(): void;
  /** A cleaned snapshot of this page with the bounds of its secure fields (top frame only, else null). */
  snapshot(maxChars: number): PageSnapshot | null;
}

const GUARD = '__understudyRecorder';
/** How long the document's index waits for an idle moment after the load before it is built anyway. */
const IDLE_INDEX_TIMEOUT_MS = 500;
const FRAME_QUESTION = 'frame?';
const FRAME_ANSWER = 'frame';

/** Field roles whose focus is worth an action (buttons and links say more with their click). */
const FIELD_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'spinbutton', 'slider', 'tree', 'treegrid', 'grid']);

/** Native controls that turn Enter into a click of their own: the click says it, not the key. */
function activatesOnEnter(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'button' || tag === 'summary') return true;
  if (tag === 'a' && el.hasAttribute('href')) return true;
  return isInputOfType(el, 'button', 'submit', 'reset', 'image', 'file', 'color');
}

interface PendingValue {
  target: TargetInfo;
  start: string | undefined;
  kind: ValueKind;
  time: number;
}

interface PendingScroll {
  start: { x: number; y: number };
  /** When the last scroll event happened (epoch ms): the message's time, and where the quiet time counts from. */
  time: number;
  /** One timer per quiet period: it fires, sees a later scroll, and waits out the rest (not one timer per event). */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Starts recording this window. Runs once per window: a second call returns the running recorder.
 *
 * @param send receives each message; must not throw (a throw is swallowed, the message is lost)
 * @param options what may be sent (values, clipboard text, file names) and tuning; defaults in messages.ts
 */
export function startRecorder(send: (msg: RecorderMessage) => void, options?: RecorderOptions): Recorder {
  const holder = window as unknown as Record<string, Recorder | undefined>;
  const running = holder[GUARD] as (Recorder & { documentStarted?: () => void }) | undefined;
  if (running) {
    // Another injection of the recorder (perhaps an older bundle) runs in this window: a new document.
    if (typeof running.documentStarted === 'function') running.documentStarted();
    return running;
  }
  const recorder = new WindowRecorder(send, resolveOptions(options));
  holder[GUARD] = recorder;
  recorder.start();
  return recorder;
}

class WindowRecorder implements Recorder {
  private readonly win = window;
  /** The window's document now: a window can change documents (its initial about:blank is replaced in place). */
  private get doc(): Document {
    return document;
  }
  /** The document the per-document setup ran for. */
  private setUpFor: Document | undefined;
  private on: (target: EventTarget, type: string, handler: (e: Event) => void, capture?: boolean) => void = () => {};
  private readonly rid = randomId((b) => crypto.getRandomValues(b));
  private readonly top: boolean;
  private readonly masked: boolean;
  private seq = 0;
  private framePath: FrameStep[] | undefined;
  private pathState: 'known' | 'waiting' | 'unknown';
  private readonly frameNonce = randomId((b) => crypto.getRandomValues(b));
  private readonly waiting: Array<{ event: RecorderEvent; time: number }> = [];
  private readonly childQuestions: Array<{ source: MessageEventSource; id: string }> = [];
  private lastUrl: string;
  private readonly pendingValues = new Map<Element, PendingValue>();
  private readonly focusValues = new WeakMap<Element, string>();
  /** The field focused last, and its description: the first input into it reuses that (it was just computed). */
  private lastFocus: { el: Element; info: RoleName; target: TargetInfo } | undefined;
  private readonly scrolls = new Map<Element | Document, PendingScroll>();
  private readonly settledScroll = new WeakMap<Element | Document, { x: number; y: number }>();
  private dragSource: TargetInfo | undefined;
  private readonly shadowRoots = new WeakSet<ShadowRoot>();
  private readonly removers: Array<() => void> = [];
  private emitting = false;
  private loadPending = false;
  private stopped = false;

  constructor(
    private readonly send: (msg: RecorderMessage) => void,
    private readonly options: ResolvedOptions,
  ) {
    let top = true;
    try {
      top = this.win === this.win.top;
    } catch {
      top = false;
    }
    this.top = top;
    this.pathState = top ? 'known' : 'waiting';
    this.framePath = top ? [] : undefined;
    this.lastUrl = location.href;
    this.masked = options.maskValuesHosts.some((glob) => hostMatches(location.hostname, glob));
  }

  start(): void {
    const on = (target: EventTarget, type: string, handler: (e: Event) => void, capture = true): void => {
      const guarded = (e: Event): void => {
        try {
          handler(e);
        } catch {
          // Never break the page; a failed handler loses only its own message.
        }
      };
      target.addEventListener(type, guarded, { capture, passive: true });
      this.removers.push(() => target.removeEventListener(type, guarded, { capture }));
    };
    this.on = on;
    const w = this.win;
    on(w, 'pointerdown', (e) => this.noteShadowRoots(e));
    on(w, 'click', (e) => this.onClick(e, (e as MouseEvent).detail === 0 ? 'keyboard' : 'click'));
    on(w, 'dblclick', (e) => this.onClick(e, 'double'));
    on(w, 'contextmenu', (e) => this.onClick(e, 'context'));
    on(w, 'auxclick', (e) => {
      if ((e as MouseEvent).button === 1) this.onClick(e, 'click');
    });
    on(w, 'focusin', (e) => this.onFocusIn(e));
    on(w, 'focusout', (e) => this.onFocusOut(e));
    on(w, 'input', (e) => this.onInput(e));
    on(w, 'keydown', (e) => this.onKeyDown(e as KeyboardEvent));
    on(w, 'copy', (e) => this.onClipboard(e as ClipboardEvent, 'copy'));
    on(w, 'cut', (e) => this.onClipboard(e as ClipboardEvent, 'cut'));
    on(w, 'paste', (e) => this.onClipboard(e as ClipboardEvent, 'paste'));
    on(w, 'dragstart', (e) => this.onDragStart(e));
    on(w, 'drop', (e) => this.onDrop(e as DragEvent));
    on(w, 'pagehide', () => this.flush('navigation'));
    on(w, 'beforeunload', () => this.flush('navigation'));
    on(w, 'message', (e) => this.onWindowMessage(e as MessageEvent));
    this.listenNonComposed(w, on);
    this.listenNavigation(on);
    this.removers.push(() => {
      for (const s of this.scrolls.values()) clearTimeout(s.timer);
    });
    // Shadow roots get the events that do not cross their boundary.
    this.onShadowRoot = (root: ShadowRoot) => this.listenNonComposed(root, on);
    this.documentStarted();
    if (!this.top) this.askParentForPath();
  }

  /**
   * What belongs to one document: called at start and again when the window shows a new document (the
   * script runs at every document start; listeners on the window stay).
   */
  documentStarted(): void {
    const doc = this.doc;
    if (this.setUpFor === doc || this.stopped) return;
    this.setUpFor = doc;
    this.on(doc, 'visibilitychange', () => {
      if (this.top && this.doc.visibilityState === 'visible') this.emit({ type: 'activate' }, Date.now());
    });
    notePasswordFields(doc);
    this.prepareWhenIdle(doc);
    this.settledScroll.set(doc, { x: this.win.scrollX, y: this.win.scrollY });
    this.lastFocus = undefined;
    if (this.top && location.href !== 'about:blank') {
      // Told once the title is known (the recorder starts before the document is parsed), or before
      // anything else that happens first.
      this.lastUrl = location.href;
      this.loadPending = true;
      if (doc.readyState === 'loading') this.on(doc, 'DOMContentLoaded', () => this.sendLoad());
      else this.sendLoad();
    }
  }

  private onShadowRoot: (root: ShadowRoot) => void = () => {};

  private visible(): boolean {
    return this.doc.visibilityState === 'visible';
  }

  /**
   * Builds the document's index (see attributed.ts) once the page has loaded and the browser is idle, rather than
   * in the handler of the first event a person makes.
   */
  private prepareWhenIdle(doc: Document): void {
    const prepare = (): void => {
      if (this.stopped || this.doc !== doc) return;
      const idle = (this.win as unknown as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      const run = (): void => {
        if (!this.stopped && this.doc === doc) prepareIndex(doc);
      };
      if (typeof idle === 'function') {
        const handle = idle.call(this.win, run, { timeout: IDLE_INDEX_TIMEOUT_MS });
        this.removers.push(() => this.win.cancelIdleCallback(handle));
      } else {
        const timer = setTimeout(run, 0);
        this.removers.push(() => clearTimeout(timer));
      }
    };
    if (doc.readyState === 'complete') prepare();
    else this.on(this.win, 'load', prepare);
  }

  private sendLoad(): void {
    if (!this.loadPending) return;
    this.loadPending = false;
    const referrer = this.doc.referrer;
    this.emit({ type: 'navigate', url: location.href, how: loadKind(), ...(referrer ? { previousUrl: referrer } : {}), visible: this.visible() }, now());
  }

  /** change, submit and scroll do not cross shadow boundaries: listen where they happen. */
  private listenNonComposed(target: EventTarget, on: (t: EventTarget, type: string, h: (e: Event) => void) => void): void {
    on(target, 'change', (e) => this.onChange(e));
    on(target, 'submit', (e) => this.onSubmit(e as SubmitEvent));
    on(target, 'scroll', (e) => this.onScroll(e));
  }

  private noteShadowRoots(e: Event): void {
    if (!crossesOpenShadowRoot(e)) return;
    for (const node of e.composedPath()) {
      if (node instanceof ShadowRoot && !this.shadowRoots.has(node)) {
        this.shadowRoots.add(node);
        notePasswordFields(node);
        this.onShadowRoot(node);
      }
    }
  }

  flush(cause: ValueCause = 'action'): void {
    this.flushValues(cause);
    this.flushScrolls();
  }

  snapshot(maxChars: number): PageSnapshot | null {
    if (!this.top || this.stopped) return null;
    return snapshotPage(isSecureElement, this.options.textContent && !this.masked, maxChars);
  }

  stop(): void {
    if (this.stopped) return;
    this.flush('action');
    this.stopped = true;
    for (const remove of this.removers.splice(0)) remove();
    stopAttributedIndexes();
    const holder = this.win as unknown as Record<string, Recorder | undefined>;
    if (holder[GUARD] === this) delete holder[GUARD];
  }

  // --- sending ---------------------------------------------------------------------------------

  /** Sends an event, first flushing what is held back so messages stay in the order things happened. */
  private emit(event: RecorderEvent, time: number): void {
    if (this.stopped) return;
    this.documentStarted(); // a document that replaced the initial about:blank in place runs no script
    if (this.loadPending && event.type !== 'navigate') this.sendLoad();
    if (!this.emitting) {
      this.emitting = true;
      try {
        if (event.type !== 'value') this.flushValues('action');
        if (event.type !== 'scroll') this.flushScrolls();
        if (event.type !== 'navigate') this.checkUrl();
      } finally {
        this.emitting = false;
      }
    }
    if (this.pathState === 'waiting') {
      this.waiting.push({ event, time });
      return;
    }
    this.deliver(event, time);
  }

  private deliver(event: RecorderEvent, time: number): void {
    const frame: FrameInfo = { url: location.href, top: this.top, title: truncate(this.doc.title || '', 1000) };
    if (this.framePath) frame.path = this.framePath;
    const msg = { v: FORMAT_VERSION, rid: this.rid, seq: ++this.seq, t: time, frame, ...event } as RecorderMessage;
    try {
      this.send(msg);
    } catch {
      // The transport failed: the Java side sees the hole in seq and counts the loss.
    }
  }

  private describe(el: Element): TargetInfo {
    return describeTarget(el, { cap: this.options.countCap, limit: this.options.countLimit }, this.top);
  }

  // --- frame path ------------------------------------------------------------------------------

  private askParentForPath(): void {
    try {
      this.win.parent.postMessage({ __understudy: FRAME_QUESTION, id: this.frameNonce }, '*');
    } catch {
      this.resolvePath(undefined);
      return;
    }
    const timer = setTimeout(() => this.resolvePath(undefined), this.options.framePathTimeoutMs);
    this.removers.push(() => clearTimeout(timer));
  }

  private resolvePath(path: FrameStep[] | undefined): void {
    if (this.pathState !== 'waiting') return;
    this.framePath = path;
    this.pathState = path ? 'known' : 'unknown';
    for (const { event, time } of this.waiting.splice(0)) this.deliver(event, time);
    for (const q of this.childQuestions.splice(0)) this.answerChild(q.source, q.id);
  }

  private onWindowMessage(e: MessageEvent): void {
    const data = e.data as { __understudy?: unknown; id?: unknown; path?: unknown } | null;
    if (!data || typeof data !== 'object' || typeof data.__understudy !== 'string' || typeof data.id !== 'string') return;
    if (data.__understudy === FRAME_QUESTION && e.source) {
      if (this.pathState === 'waiting') this.childQuestions.push({ source: e.source, id: data.id });
      else this.answerChild(e.source, data.id);
    } else if (data.__understudy === FRAME_ANSWER && data.id === this.frameNonce && e.source === this.win.parent) {
      this.resolvePath(validFramePath(data.path));
    }
  }

  private answerChild(source: MessageEventSource, id: string): void {
    const frame = this.findFrameElement(source);
    const path = frame && this.framePath
      ? [...this.framePath, { ...cssStep(frame), shadow: shadowHosts(frame).map(cssStep) }]
      : null;
    (source as Window).postMessage({ __understudy: FRAME_ANSWER, id, path }, '*');
  }

  private findFrameElement(source: MessageEventSource): Element | null {
    const search = (root: Document | ShadowRoot): Element | null => {
      for (const frame of Array.from(root.querySelectorAll('iframe,frame'))) {
        if ((frame as HTMLIFrameElement).contentWindow === source) return frame;
      }
      return null;
    };
    const found = search(this.doc);
    if (found) return found;
    for (const el of Array.from(this.doc.querySelectorAll('*'))) {
      if (el.shadowRoot) {
        const inShadow = search(el.shadowRoot);
        if (inShadow) return inShadow;
      }
    }
    return null;
  }

  // --- navigation ------------------------------------------------------------------------------

  private listenNavigation(on: (t: EventTarget, type: string, h: (e: Event) => void, capture?: boolean) => void): void {
    if (!this.top) return;
    const navigation = (this.win as unknown as { navigation?: EventTarget }).navigation;
    if (navigation) {
      // Before the URL changes: what was typed belongs to the page it was typed on.
      on(navigation, 'navigate', () => this.flush('navigation'), false);
      on(navigation, 'currententrychange', (e) => {
        const type = (e as Event & { navigationType?: string }).navigationType;
        const how: NavigationHow = type === 'replace' ? 'replace' : type === 'traverse' ? 'traverse' : type === 'reload' ? 'reload' : 'push';
        this.noteUrl(sameDocumentKind(how, this.lastUrl, location.href));
      }, false);
    } else {
      on(this.win, 'popstate', () => this.noteUrl('traverse'));
      on(this.win, 'hashchange', () => this.noteUrl('hash'));
    }
  }

  private noteUrl(how: NavigationHow): void {
    const url = location.href;
    if (url === this.lastUrl) return;
    const previousUrl = this.lastUrl;
    this.lastUrl = url;
    this.emit({ type: 'navigate', url, previousUrl, how, visible: this.visible() }, now());
  }

  /** Catches a route change no event told about (history.pushState where there is no Navigation API). */
  private checkUrl(): void {
    if (this.top && location.href !== this.lastUrl) this.noteUrl('push');
  }

  // --- pointer ---------------------------------------------------------------------------------

  private onClick(e: Event, method: 'click' | 'double' | 'context' | 'keyboard'): void {
    if (!e.isTrusted) return;
    this.noteShadowRoots(e);
    const mouse = e as MouseEvent;
    if (e.type === 'click' && mouse.detail > 1) return; // the dblclick reports the second click
    const start = eventElement(e);
    if (!start) return;
    const el = actionableElement(start);
    if (skipsClick(el)) return;
    this.emit({ type: 'click', target: this.describe(el), method, button: mouse.button }, eventTime(e));
  }

  private onDragStart(e: Event): void {
    if (!e.isTrusted) return;
    const start = eventElement(e);
    this.dragSource = start ? this.describe(actionableElement(start)) : undefined;
  }

  private onDrop(e: DragEvent): void {
    if (!e.isTrusted) return;
    const start = eventElement(e);
    if (!start) return;
    const fileCount = e.dataTransfer ? e.dataTransfer.files.length : 0;
    const source = this.dragSource;
    this.dragSource = undefined;
    this.emit({ type: 'drop', target: this.describe(actionableElement(start)), ...(source ? { source } : {}), fileCount }, eventTime(e));
  }

  // --- focus and values ------------------------------------------------------------------------

  private onFocusIn(e: Event): void {
    this.noteShadowRoots(e);
    const start = eventElement(e);
    if (!start) return;
    const el = editingHost(start) ?? start;
    if (!isField(el)) return;
    if (isTextEntry(el) && !isSecureElement(el)) this.focusValues.set(el, readValue(el));
    if (this.lastFocus && this.lastFocus.el === el) return;
    const previous = this.lastFocus?.info;
    const target = this.describe(el);
    this.lastFocus = { el, info: { role: target.role, name: target.name }, target };
    this.emit({ type: 'focus', target, ...(previous ? { previous } : {}) }, eventTime(e));
  }

  private onFocusOut(e: Event): void {
    const start = eventElement(e);
    if (!start) return;
    const el = editingHost(start) ?? start;
    if (this.pendingValues.has(el)) this.flushValue(el, 'blur');
  }

  private onInput(e: Event): void {
    if (!e.isTrusted) return;
    // The next key into a field already being typed into: only its time changes (the common case, kept cheap).
    const direct = e.target instanceof Element ? this.pendingValues.get(e.target) : undefined;
    if (direct) {
      direct.time = eventTime(e);
      return;
    }
    this.noteShadowRoots(e);
    const start = eventElement(e);
    if (!start) return;
    const el = editingHost(start) ?? start;
    const range = isInputOfType(el, 'range');
    if (!isTextEntry(el) && !range) return; // selects, boxes and files report their change event
    const pending = this.pendingValues.get(el);
    if (pending) {
      pending.time = eventTime(e);
      return;
    }
    const kind: ValueKind = el instanceof HTMLInputElement ? valueKindForInput((el.type || 'text').toLowerCase()) : 'text';
    const focused = this.lastFocus && this.lastFocus.el === el ? this.lastFocus.target : undefined;
    const target = focused ? { ...focused } : this.describe(el);
    this.pendingValues.set(el, { target, start: this.focusValues.get(el), kind, time: eventTime(e) });
  }

  private onChange(e: Event): void {
    if (!e.isTrusted) return;
    const el = eventElement(e);
    if (!el) return;
    if (isInputOfType(el, 'checkbox', 'radio')) {
      this.emit(this.valueOf(el, 'checked', String(el.checked), undefined, 'change'), eventTime(e));
    } else if (el instanceof HTMLSelectElement) {
      const labels = Array.from(el.selectedOptions).map((o) => o.label || o.text).join(', ');
      this.emit(this.valueOf(el, 'option', labels, undefined, 'change'), eventTime(e));
    } else if (isInputOfType(el, 'file')) {
      this.emit(this.fileValue(el), eventTime(e));
    } else if (this.pendingValues.has(el)) {
      this.flushValue(el, 'change');
    }
  }

  private onSubmit(e: SubmitEvent): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    for (const el of Array.from(this.pendingValues.keys())) {
      if (form.contains(el)) this.flushValue(el, 'submit');
    }
    const submitter = e.submitter ? roleAndName(e.submitter) : undefined;
    this.emit({ type: 'submit', target: this.describe(form), ...(submitter ? { submitter } : {}) }, eventTime(e));
  }

  private flushValues(cause: ValueCause): void {
    if (this.pendingValues.size === 0) return;
    for (const el of Array.from(this.pendingValues.keys())) this.flushValue(el, cause);
  }

  private flushValue(el: Element, cause: ValueCause): void {
    const pending = this.pendingValues.get(el);
    if (!pending) return;
    this.pendingValues.delete(el);
    const secure = isSecureElement(el) || pending.target.secure;
    if (secure) {
      pending.target.secure = true;
      this.emit({ type: 'value', target: pending.target, valueKind: pending.kind, omitted: true, cause }, pending.time);
      return;
    }
    const value = readValue(el);
    if (pending.start !== undefined && value === pending.start) return; // edited back to what it was
    this.focusValues.set(el, value);
    this.emit(this.valueOf(el, pending.kind, value, pending.start, cause, pending.target), pending.time);
  }

  /** A value message, leaving out the value where it must not go. */
  private valueOf(el: Element, kind: ValueKind, value: string, previous: string | undefined, cause: ValueCause, target?: TargetInfo): ValueEvent {
    const described = target ?? this.describe(el);
    if (described.secure || isSecureElement(el) || this.masked || !this.options.textContent) {
      return { type: 'value', target: described, valueKind: kind, omitted: true, cause };
    }
    const max = this.options.maxValueLength;
    const event: ValueEvent = { type: 'value', target: described, valueKind: kind, value: truncate(value, max), omitted: false, cause };
    if (previous !== undefined && previous !== '') event.previousValue = truncate(previous, max);
    if (value.length > max || (previous !== undefined && previous.length > max)) event.truncated = true;
    return event;
  }

  private fileValue(input: HTMLInputElement): ValueEvent {
    const files = input.files ? Array.from(input.files) : [];
    const event: ValueEvent = { type: 'value', target: this.describe(input), valueKind: 'file', omitted: true, cause: 'change', fileCount: files.length };
    if (this.options.fileNames && !this.masked) event.fileNames = files.map((f) => truncate(f.name, 255));
    return event;
  }

  // --- keys and clipboard ----------------------------------------------------------------------

  private onKeyDown(e: KeyboardEvent): void {
    if (!e.isTrusted || e.isComposing || e.repeat) return;
    // Plain typing (one character, no Ctrl, Alt or Meta) is never a shortcut: the value change tells it.
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) return;
    this.noteShadowRoots(e);
    const focused = eventElement(e) ?? deepActiveElement(this.doc) ?? this.doc.documentElement;
    const el = editingHost(focused) ?? focused;
    const shortcut = classifyKey({
      key: e.key,
      ctrl: e.ctrlKey,
      shift: e.shiftKey,
      alt: e.altKey,
      meta: e.metaKey,
      altGraph: typeof e.getModifierState === 'function' && e.getModifierState('AltGraph'),
      editable: isTextEntry(el),
      secure: isSecureElement(el),
    });
    if (!shortcut) return;
    if (shortcut.key === 'Enter' && shortcut.modifiers.length === 0 && activatesOnEnter(el)) return;
    if (this.pendingValues.has(el)) this.flushValue(el, 'key');
    this.emit({ type: 'key', target: this.describe(el), key: shortcut.key, modifiers: shortcut.modifiers }, eventTime(e));
  }

  private onClipboard(e: ClipboardEvent, op: 'copy' | 'cut' | 'paste'): void {
    if (!e.isTrusted) return;
    const start = eventElement(e);
    if (!start) return;
    const el = editingHost(start) ?? start;
    const secure = isSecureElement(el);
    let text = '';
    if (op === 'paste') {
      text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    } else if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && !secure) {
      const from = el.selectionStart ?? 0;
      const to = el.selectionEnd ?? 0;
      text = el.value.substring(from, to);
    } else if (!secure) {
      text = String(this.win.getSelection() ?? '');
    }
    const event: RecorderEvent = { type: 'clipboard', target: this.describe(el), op, length: text.length, mediaType: 'text/plain' };
    if (this.options.clipboardContent && !secure && !this.masked && text) event.content = truncate(text, this.options.maxValueLength);
    this.emit(event, eventTime(e));
  }

  // --- scrolling -------------------------------------------------------------------------------

  private onScroll(e: Event): void {
    const source = e.target === this.doc ? this.doc : e.target instanceof Element ? e.target : null;
    if (!source) return;
    const pending = this.scrolls.get(source);
    if (pending) {
      // A scroll in progress fires an event a frame: note when, and let its one timer wait.
      pending.time = eventTime(e);
      return;
    }
    const started: PendingScroll = {
      start: this.settledScroll.get(source) ?? { x: 0, y: 0 },
      time: eventTime(e),
      timer: undefined,
    };
    this.scrolls.set(source, started);
    this.awaitQuiet(source, started, this.options.scrollQuietMs);
  }

  /** Flushes the scroll once no event came for the quiet time; a later event moves the deadline. */
  private awaitQuiet(source: Element | Document, pending: PendingScroll, wait: number): void {
    pending.timer = setTimeout(() => {
      if (this.scrolls.get(source) !== pending) return;
      const left = pending.time + this.options.scrollQuietMs - now();
      if (left > 1) this.awaitQuiet(source, pending, left);
      else this.flushScroll(source);
    }, wait);
  }

  private flushScrolls(): void {
    if (this.scrolls.size === 0) return;
    for (const source of Array.from(this.scrolls.keys())) this.flushScroll(source);
  }

  private flushScroll(source: Element | Document): void {
    const pending = this.scrolls.get(source);
    if (!pending) return;
    this.scrolls.delete(source);
    clearTimeout(pending.timer);
    const el = source === this.doc ? this.doc.scrollingElement ?? this.doc.documentElement : (source as Element);
    const position = { x: source === this.doc ? this.win.scrollX : el.scrollLeft, y: source === this.doc ? this.win.scrollY : el.scrollTop };
    this.settledScroll.set(source, position);
    const dx = Math.round(position.x - pending.start.x);
    const dy = Math.round(position.y - pending.start.y);
    if (dx === 0 && dy === 0) return;
    const target = source === this.doc ? documentTarget(this.doc) : this.describe(el);
    const permille = scrollPermille(position.y, el.scrollHeight, el.clientHeight);
    this.emit({ type: 'scroll', target, dx, dy, permille }, pending.time);
  }
}

/** Elements whose click is left out: their focus or value change says more. */
function skipsClick(el: Element): boolean {
  if (el instanceof HTMLLabelElement) return !!el.control;
  if (el instanceof HTMLSelectElement || el instanceof HTMLOptionElement && el.parentElement instanceof HTMLSelectElement) return true;
  if (isInputOfType(el, 'checkbox', 'radio', 'file', 'range')) return true;
  return isTextEntry(el);
}

function isField(el: Element): boolean {
  if (isTextEntry(el) || el instanceof HTMLSelectElement) return true;
  if (isInputOfType(el, 'range', 'color')) return true;
  return FIELD_ROLES.has(roleOf(el));
}

function readValue(el: Element): string {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
  return el instanceof HTMLElement ? el.innerText : '';
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

function eventTime(e: Event): number {
  return e.timeStamp > 0 ? performance.timeOrigin + e.timeStamp : now();
}

function loadKind(): NavigationHow {
  const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (!entry) return 'load';
  return entry.type === 'reload' ? 'reload' : entry.type === 'back_forward' ? 'back_forward' : 'load';
}

/** A same-document change that only moved the fragment is a hash change. */
function sameDocumentKind(how: NavigationHow, from: string, to: string): NavigationHow {
  if (how !== 'push' && how !== 'replace') return how;
  const strip = (u: string): string => {
    const i = u.indexOf('#');
    return i < 0 ? u : u.slice(0, i);
  };
  return strip(from) === strip(to) ? 'hash' : how;
}

/** The frame path a parent answered, if it is one (the page could post anything). */
function validFramePath(path: unknown): FrameStep[] | undefined {
  if (!Array.isArray(path) || path.length > 32) return undefined;
  const out: FrameStep[] = [];
  for (const step of path) {
    if (!step || typeof step !== 'object') return undefined;
    const s = step as { css?: unknown; count?: unknown; shadow?: unknown };
    if (typeof s.css !== 'string' || typeof s.count !== 'number' || !Array.isArray(s.shadow)) return undefined;
    const shadow = [];
    for (const host of s.shadow as unknown[]) {
      const h = host as { css?: unknown; count?: unknown } | null;
      if (!h || typeof h.css !== 'string' || typeof h.count !== 'number') return undefined;
      shadow.push({ css: truncate(h.css, 2000), count: h.count });
    }
    out.push({ css: truncate(s.css, 2000), count: s.count, shadow });
  }
  return out;
}
