package dev.understudy.plugins.browser.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.plugins.browser.cdp.CdpConnection;
import dev.understudy.plugins.browser.cdp.CdpException;
import dev.understudy.plugins.browser.cdp.ChromiumProcess;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Re-executes a recorded browser session in a fresh Chromium from the captured locators alone and reports,
 * per action, whether its target resolved to a unique element and by which locator.
 *
 * <p>Targets in cross-origin (out-of-process) iframes are found in the frame's own DevTools session,
 * which the browser attaches to the tab's as the frame loads.
 *
 * <p>Navigates to the session's first URL, then performs each click, value, option, check box, submit,
 * focus and key shortcut with trusted DevTools input ({@code Input.*}): clicks at the middle of the element
 * after scrolling it into view, text by focusing the field, selecting what it holds and inserting the text.
 * Navigations the session recorded after a click are awaited, not repeated. Values never recorded (secure
 * fields, masked sites) are reported and left alone.
 *
 * <p>Threading: one thread uses an instance at a time. {@link #close} ends the browser and deletes its profile.
 */
public final class BrowserReplay implements AutoCloseable {

  /** How long a step waits for its page, its target or its navigation; see {@link Builder#timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final ChromiumProcess browser;
  private final CdpConnection cdp;
  private final PageHandle page;
  private final FrameSessions frames;
  private final ElementResolver resolver;
  private final StepPerformer performer;

  private BrowserReplay(ChromiumProcess browser, CdpConnection cdp, PageHandle page, FrameSessions frames, Duration timeout) {
    this.browser = browser;
    this.cdp = cdp;
    this.page = page;
    this.frames = frames;
    this.resolver = new ElementResolver(page, frames);
    this.performer = new StepPerformer(page, resolver, timeout);
  }

  /** A builder with the defaults quoted on each method. */
  public static Builder builder() {
    return new Builder();
  }

  /** Replays the session's actions in order (session records are passed over) and returns one step per action. */
  public List<ReplayStep> replay(List<Action> actions) {
    Objects.requireNonNull(actions, "actions");
    List<ReplayStep> steps = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Action a = actions.get(i);
      if (a.hasSessionStart() || a.hasSessionEnd() || a.hasGap() || a.hasPause()
          || a.getKindCase() == Action.KindCase.KIND_NOT_SET) {
        continue;
      }
      steps.add(performer.perform(i, a, i > 0 ? previousAction(actions, i) : null));
      page.release();
      frames.release();
    }
    return steps;
  }

  /** The last action before {@code i} that a person performed (values and focus changes passed over). */
  private static Action previousAction(List<Action> actions, int i) {
    for (int j = i - 1; j >= 0; j--) {
      Action a = actions.get(j);
      if (a.hasInvoke() || a.hasKeyShortcut() || a.hasNavigate()) {
        return a;
      }
    }
    return null;
  }

  /** Evaluates an expression in the replayed tab's main world and returns its JSON value. */
  public JsonNode evaluate(String expression) throws CdpException {
    return page.value(Objects.requireNonNull(expression, "expression"));
  }

  /**
   * Evaluates an expression in the main world of the out-of-process (cross-origin) frame showing this URL
   * and returns its JSON value.
   *
   * @throws CdpException when no such frame is there
   */
  public JsonNode evaluateInFrame(String frameUrl, String expression) throws CdpException {
    Objects.requireNonNull(expression, "expression");
    PageHandle frame = frames.byUrl(Objects.requireNonNull(frameUrl, "frameUrl"))
        .orElseThrow(() -> new CdpException("no cross-origin frame shows " + frameUrl));
    return frame.value(expression);
  }

  @Override
  public void close() {
    try {
      cdp.close();
    } finally {
      browser.close();
    }
  }

  static String attribute(Action a, String key) {
    for (Attribute at : a.getAttributesList()) {
      if (at.getKey().equals(key)) {
        return at.getValue();
      }
    }
    return "";
  }

  static String describe(Action a) {
    Target t = a.getTarget();
    String target = (t.getRole().isEmpty() ? "element" : t.getRole()) + (t.getName().isEmpty() ? "" : " '" + t.getName() + "'");
    return switch (a.getKindCase()) {
      case INVOKE -> a.getInvoke().getMethod().name().substring("INVOKE_METHOD_".length()).toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' ') + " " + target;
      case VALUE_CHANGE -> "set " + target;
      case NAVIGATE -> "navigate to " + a.getNavigate().getUrl();
      case KEY_SHORTCUT -> "key " + String.join("+", a.getKeyShortcut().getModifiersList().stream()
          .map(Modifier::name).map(m -> m.substring("MODIFIER_".length())).toList())
          + (a.getKeyShortcut().getModifiersCount() > 0 ? "+" : "") + a.getKeyShortcut().getKey() + " in " + target;
      case FOCUS -> "focus " + target;
      default -> a.getKindCase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + (a.hasTarget() ? " " + target : "");
    };
  }

  /** Options for a replay browser. */
  public static final class Builder {
    private Path executable = ChromiumProcess.DEFAULT_EXECUTABLE;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {
    }

    /** The browser to run; default {@link ChromiumProcess#DEFAULT_EXECUTABLE}. */
    public Builder executable(Path executable) {
      this.executable = Objects.requireNonNull(executable, "executable");
      return this;
    }

    /** How long a step waits for its page, target or navigation; default {@link BrowserReplay#DEFAULT_TIMEOUT}. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Launches a fresh headless Chromium with an empty profile and attaches to its tab. */
    public BrowserReplay launch() throws IOException {
      ChromiumProcess browser = ChromiumProcess.builder().executable(executable).launch();
      CdpConnection cdp = null;
      try {
        cdp = CdpConnection.connect(browser.webSocketUrl());
        String targetId = null;
        for (JsonNode t : cdp.call("Target.getTargets", cdp.params(), null, timeout).path("targetInfos")) {
          if (t.path("type").asText().equals("page")) {
            targetId = t.path("targetId").asText();
            break;
          }
        }
        if (targetId == null) {
          targetId = cdp.call("Target.createTarget", cdp.params().put("url", "about:blank"), null, timeout).path("targetId").asText();
        }
        String session = cdp.call("Target.attachToTarget", cdp.params().put("targetId", targetId).put("flatten", true), null, timeout)
            .path("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "DOM", "Accessibility")) {
          cdp.call(domain + ".enable", cdp.params(), session, timeout);
        }
        FrameSessions frames = new FrameSessions(cdp, timeout);
        frames.attachFramesOf(session);
        return new BrowserReplay(browser, cdp, new PageHandle(cdp, session, timeout), frames, timeout);
      } catch (CdpException e) {
        closeQuietly(cdp, browser);
        throw new IOException("cannot drive the replay browser: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeQuietly(cdp, browser);
        throw e;
      }
    }

    private static void closeQuietly(CdpConnection cdp, ChromiumProcess browser) {
      try {
        if (cdp != null) {
          cdp.close();
        }
      } finally {
        browser.close();
      }
    }
  }
}
