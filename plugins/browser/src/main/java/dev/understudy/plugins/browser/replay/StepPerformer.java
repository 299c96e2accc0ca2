package dev.understudy.plugins.browser.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.browser.cdp.CdpException;
import dev.understudy.plugins.browser.replay.ReplayStep.Outcome;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.NavigationType;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import java.time.Duration;
import java.util.Map;

/** Performs one recorded action in the tab: resolve its target, then act with trusted input. */
final class StepPerformer {
  private static final String DEFAULT_TEST_ID_ATTRIBUTE = "data-testid";
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Map<String, Integer> KEY_CODES = Map.ofEntries(
      Map.entry("Enter", 13), Map.entry("Tab", 9), Map.entry("Escape", 27), Map.entry("Backspace", 8),
      Map.entry("Delete", 46), Map.entry(" ", 32), Map.entry("ArrowLeft", 37), Map.entry("ArrowUp", 38),
      Map.entry("ArrowRight", 39), Map.entry("ArrowDown", 40), Map.entry("Home", 36), Map.entry("End", 35),
      Map.entry("PageUp", 33), Map.entry("PageDown", 34));

  /** The middle of the element in the tab's viewport, through same-origin frames, after scrolling it into view. */
  private static final String CENTER = """
      function() {
        this.scrollIntoView({block: 'center', inline: 'center'});
        const r = this.getBoundingClientRect();
        let x = r.x + r.width / 2, y = r.y + r.height / 2;
        let w = this.ownerDocument.defaultView;
        while (w && w.frameElement) {
          const f = w.frameElement, fr = f.getBoundingClientRect();
          x += fr.x + f.clientLeft; y += fr.y + f.clientTop;
          w = w.parent;
        }
        return [x, y];
      }""";

  /** Focuses a field and selects what it holds, so inserted text replaces it; returns the value it had. */
  private static final String FOCUS_AND_SELECT = """
      function() {
        this.scrollIntoView({block: 'center'});
        this.focus();
        if (this.isContentEditable) {
          const range = this.ownerDocument.createRange();
          range.selectNodeContents(this);
          const s = this.ownerDocument.getSelection();
          s.removeAllRanges(); s.addRange(range);
          return this.innerText;
        }
        if (typeof this.select === 'function') this.select();
        return this.value;
      }""";

  private static final String CURRENT_VALUE = "function() { return this.isContentEditable ? this.innerText : this.value; }";

  /** A last resort for fields input cannot fill (date pickers): the value set by script, with the events input sends. */
  private static final String SET_VALUE = """
      function(v) {
        const proto = Object.getPrototypeOf(this);
        const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
        if (setter) setter.call(this, v); else this.value = v;
        this.dispatchEvent(new Event('input', {bubbles: true}));
        this.dispatchEvent(new Event('change', {bubbles: true}));
        return this.value;
      }""";

  /** Chooses options of a select by their labels ("A, B" for several); returns whether all were found. */
  private static final String SELECT_OPTIONS = """
      function(want) {
        if (!(this instanceof this.ownerDocument.defaultView.HTMLSelectElement)) return 'not a select: ' + this.tagName;
        this.focus();
        const opts = Array.from(this.options);
        const label = (o) => (o.label || o.text).trim();
        let hit = opts.filter((o) => label(o) === want);
        if (hit.length === 0 && this.multiple) { const parts = want.split(', '); hit = opts.filter((o) => parts.includes(label(o))); }
        if (hit.length === 0) return 'no option ' + want;
        opts.forEach((o) => { o.selected = hit.includes(o); });
        this.dispatchEvent(new Event('input', {bubbles: true}));
        this.dispatchEvent(new Event('change', {bubbles: true}));
        return '';
      }""";

  private final PageHandle page;
  private final ElementResolver resolver;
  private final Duration timeout;
  private boolean navigated;

  StepPerformer(PageHandle page, ElementResolver resolver, Duration timeout) {
    this.page = page;
    this.resolver = resolver;
    this.timeout = timeout;
  }

  ReplayStep perform(int index, Action a, Action previous) {
    String what = BrowserReplay.describe(a);
    try {
      return switch (a.getKindCase()) {
        case NAVIGATE -> navigate(index, what, a);
        case INVOKE -> invoke(index, what, a, previous);
        case VALUE_CHANGE -> value(index, what, a);
        case FOCUS -> onTarget(index, what, a, el -> el.call("function() { this.focus(); }"));
        case KEY_SHORTCUT -> key(index, what, a);
        default -> new ReplayStep(index, what, Outcome.SKIPPED, "", 0, "not replayed: " + a.getKindCase().name().toLowerCase(java.util.Locale.ROOT));
      };
    } catch (CdpException e) {
      return new ReplayStep(index, what, Outcome.FAILED, "", 0, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ReplayStep(index, what, Outcome.FAILED, "", 0, "interrupted");
    }
  }

  private ReplayStep navigate(int index, String what, Action a) throws CdpException, InterruptedException {
    String url = a.getNavigate().getUrl();
    NavigationType type = a.getNavigate().getNavigationType();
    boolean typed = type == NavigationType.NAVIGATION_TYPE_UNSPECIFIED || type == NavigationType.NAVIGATION_TYPE_TYPED;
    if (!navigated || (typed && !url.equals(currentUrl()))) {
      navigated = true;
      page.call("Page.navigate", page.params().put("url", url));
      return awaitUrl(url)
          ? new ReplayStep(index, what, Outcome.PERFORMED, "", 0, "")
          : new ReplayStep(index, what, Outcome.FAILED, "", 0, "the page did not load " + url + "; the tab shows " + currentUrl());
    }
    // a navigation that followed a click, a submit or history: await it, never repeat it
    return awaitUrl(url)
        ? new ReplayStep(index, what, Outcome.FOLLOWED, "", 0, "")
        : new ReplayStep(index, what, Outcome.FAILED, "", 0, "the replay did not reach " + url + "; the tab shows " + currentUrl());
  }

  private ReplayStep invoke(int index, String what, Action a, Action previous) throws CdpException, InterruptedException {
    InvokeMethod method = a.getInvoke().getMethod();
    return switch (method) {
      case INVOKE_METHOD_CLICK, INVOKE_METHOD_MENU -> onTarget(index, what, a, el -> click(el, "left", 1));
      case INVOKE_METHOD_DOUBLE_CLICK -> onTarget(index, what, a, el -> click(el, "left", 2));
      case INVOKE_METHOD_CONTEXT_CLICK -> onTarget(index, what, a, el -> click(el, "right", 1));
      case INVOKE_METHOD_KEYBOARD -> onTarget(index, what, a, el -> {
        focus(el);
        page.key("Enter", 13, 0);
      });
      case INVOKE_METHOD_SUBMIT -> {
        if (previous != null && (previous.hasInvoke() && previous.getInvoke().getMethod() != InvokeMethod.INVOKE_METHOD_SUBMIT
            || previous.hasKeyShortcut() && previous.getKeyShortcut().getKey().equals("Enter"))) {
          yield new ReplayStep(index, what, Outcome.FOLLOWED, "", 0, "submitted by the action before");
        }
        yield onTarget(index, what, a, el -> el.call("function() { this.requestSubmit ? this.requestSubmit() : this.submit(); }"));
      }
      default -> new ReplayStep(index, what, Outcome.SKIPPED, "", 0, "not replayed: invoke " + method.name());
    };
  }

  private ReplayStep value(int index, String what, Action a) throws CdpException, InterruptedException {
    ValueChange v = a.getValueChange();
    if (v.getValueKind() == ValueKind.VALUE_KIND_FILE) {
      return new ReplayStep(index, what, Outcome.SKIPPED, "", 0, "files are not replayed");
    }
    if (v.getValueOmitted()) {
      ReplayStep found = onTarget(index, what, a, el -> { });
      String why = a.getTarget().getSecure() ? "value not recorded (secure)" : "value not recorded (masked)";
      return found.outcome() == Outcome.NOT_FOUND ? found
          : new ReplayStep(index, what, Outcome.VALUE_NOT_RECORDED, found.locator(), found.matches(), why);
    }
    String value = v.getValue();
    return switch (v.getValueKind()) {
      case VALUE_KIND_CHECKED -> onTarget(index, what, a, el -> {
        boolean want = value.equals("true");
        if (el.call("function() { return this.checked; }").asBoolean() != want) {
          click(el, "left", 1);
        }
        if (el.call("function() { return this.checked; }").asBoolean() != want) {
          throw new CdpException("clicking did not make it " + (want ? "checked" : "unchecked"));
        }
      });
      case VALUE_KIND_OPTION -> onTarget(index, what, a, el -> {
        String problem = el.call(SELECT_OPTIONS, value).asText();
        if (!problem.isEmpty()) {
          throw new CdpException(problem);
        }
      });
      default -> onTarget(index, what, a, el -> typeInto(el, value));
    };
  }

  private void typeInto(RemoteNode el, String value) throws CdpException {
    if (el.handle() != page) {
      // Script cannot move the keyboard focus into a cross-origin frame: a click does, as a person's would.
      click(el, "left", 1);
    }
    String before = el.call(FOCUS_AND_SELECT).asText();
    if (!value.isEmpty()) {
      page.insertText(value);
    } else if (!before.isEmpty()) {
      page.key("Backspace", 8, 0);
    }
    if (!el.call(CURRENT_VALUE).asText().equals(value)) {
      el.call(SET_VALUE, value);
    }
  }

  private ReplayStep key(int index, String what, Action a) throws CdpException, InterruptedException {
    String key = a.getKeyShortcut().getKey();
    int modifiers = 0;
    for (Modifier m : a.getKeyShortcut().getModifiersList()) {
      modifiers |= switch (m) {
        case MODIFIER_ALT -> 1;
        case MODIFIER_CTRL -> 2;
        case MODIFIER_META -> 4;
        case MODIFIER_SHIFT -> 8;
        default -> 0;
      };
    }
    int code = keyCode(key);
    int bits = modifiers;
    if (a.getTarget().getLocatorsCount() == 0) {
      page.key(key, code, bits);
      return new ReplayStep(index, what, Outcome.PERFORMED, "", 0, "");
    }
    return onTarget(index, what, a, el -> {
      if (el.handle() != page) {
        focus(el);
      } else {
        el.call("function() { if (this.ownerDocument.activeElement !== this) this.focus(); }");
      }
      page.key(key, code, bits);
    });
  }

  static int keyCode(String key) {
    if (KEY_CODES.containsKey(key)) {
      return KEY_CODES.get(key);
    }
    if (key.matches("F([1-9]|1[0-2])")) {
      return 111 + Integer.parseInt(key.substring(1));
    }
    if (key.length() == 1 && Character.isLetterOrDigit(key.charAt(0))) {
      return Character.toUpperCase(key.charAt(0));
    }
    return 0;
  }

  /** Focuses the element; in a cross-origin frame by clicking it, since script cannot move the focus there. */
  private void focus(RemoteNode el) throws CdpException {
    if (el.handle() != page) {
      click(el, "left", 1);
    }
    el.call("function() { this.focus(); }");
  }

  /** Trusted clicks, always through the tab (the browser routes them into the frame under the pointer). */
  private void click(RemoteNode el, String button, int clicks) throws CdpException {
    JsonNode at = el.call(CENTER);
    double x = el.dx() + at.path(0).asDouble();
    double y = el.dy() + at.path(1).asDouble();
    page.mouse("mouseMoved", x, y, "none", 0);
    for (int i = 1; i <= clicks; i++) {
      page.mouse("mousePressed", x, y, button, i);
      page.mouse("mouseReleased", x, y, button, i);
    }
  }

  /** Something done to the resolved element. */
  private interface ElementAction {
    void on(RemoteNode element) throws CdpException;
  }

  /** Resolves the action's target (waiting for the page and, a while, for the element) and acts on it. */
  private ReplayStep onTarget(int index, String what, Action a, ElementAction act) throws CdpException, InterruptedException {
    String testIdAttribute = BrowserReplay.attribute(a, "browser.test_id.attr");
    if (testIdAttribute.isEmpty()) {
      testIdAttribute = DEFAULT_TEST_ID_ATTRIBUTE;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    ElementResolver.Resolution r;
    while (true) {
      awaitLoaded(deadline);
      try {
        r = resolver.resolve(a.getTarget(), testIdAttribute);
      } catch (CdpException e) {
        r = ElementResolver.Resolution.none(e.getMessage());
      }
      if (r.found() || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    if (!r.found()) {
      return new ReplayStep(index, what, Outcome.NOT_FOUND, "", 0, r.detail());
    }
    try {
      act.on(r.element());
    } catch (CdpException e) {
      return new ReplayStep(index, what, Outcome.FAILED, r.locator(), r.matches(), e.getMessage());
    }
    return new ReplayStep(index, what, r.matches() == 1 ? Outcome.PERFORMED : Outcome.AMBIGUOUS, r.locator(), r.matches(), r.detail());
  }

  private String currentUrl() {
    try {
      return page.value("location.href").asText();
    } catch (CdpException e) {
      return "(unknown: " + e.getMessage() + ")";
    }
  }

  private boolean awaitUrl(String url) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!url.equals(currentUrl())) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(POLL.toMillis());
    }
    awaitLoaded(deadline);
    return true;
  }

  /** Waits (until the deadline at most) for the document to finish loading; a page in mid-navigation may not answer. */
  private void awaitLoaded(long deadline) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      try {
        if (page.value("document.readyState").asText().equals("complete")) {
          return;
        }
      } catch (CdpException e) {
        // the execution context went away with a navigation: ask again
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
