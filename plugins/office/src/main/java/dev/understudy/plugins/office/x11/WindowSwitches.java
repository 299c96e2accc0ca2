package dev.understudy.plugins.office.x11;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.Optional;

/**
 * Turns the active window, observed again and again, into window switches: one action each time a
 * different window becomes active, from the one before to the new one. The first observation is a
 * switch with no {@code from} (where the session starts). A moment with no active window (focus on the
 * root, a window closing) is not a switch; the next window is compared with the last one seen.
 *
 * <p>The source's app id is the new window's WM_CLASS class, so the policy's app lists judge a switch
 * by the application switched to (and clear the {@code from} of one switched away from a denied app).
 * Not thread-safe: the backend's thread only.
 */
final class WindowSwitches {
  /** Attribute: how the switch was seen, {@code events} (window manager) or {@code polling} (input focus). */
  static final String MODE = "x11.mode";
  /** Attribute: the WM_CLASS instance name of the window switched to. */
  static final String INSTANCE = "x11.wm_instance";

  private WindowInfo current;
  private boolean currentGone;

  /** The switch this observation makes, if it is one. */
  Optional<Action> observe(WindowInfo now, long timeUnixNanos, String mode) {
    boolean sameWindow = current != null && current.id() == now.id() && !currentGone;
    if (sameWindow && current.title().equals(now.title()) && current.appId().equals(now.appId())) {
      return Optional.empty();
    }
    WindowInfo before = current;
    current = now;
    currentGone = false;
    if (sameWindow) {
      // Same window, new title or class: context, not a switch.
      return Optional.empty();
    }
    WindowSwitch.Builder w = WindowSwitch.newBuilder().setTo(ref(now));
    if (before != null) {
      w.setFrom(ref(before));
    }
    Action.Builder a = Action.newBuilder().setTimeUnixNano(timeUnixNanos)
        .setSource(Source.newBuilder().setAppId(now.appId()).setWindowTitle(now.title()))
        .setTarget(Target.newBuilder().setRole("window").setName(now.title()))
        .setWindowSwitch(w)
        .addAttributes(Attribute.newBuilder().setKey(MODE).setValue(mode));
    if (!now.instance().isEmpty()) {
      a.addAttributes(Attribute.newBuilder().setKey(INSTANCE).setValue(now.instance()));
    }
    return Optional.of(a.build());
  }

  /**
   * The window last observed was destroyed. The X server hands its id to the next window it creates,
   * so a window seen with that id from now on is a new window, not the old one retitled.
   */
  void gone() {
    currentGone = true;
  }

  /** The window active now, as last observed. */
  Optional<WindowInfo> current() {
    return Optional.ofNullable(current);
  }

  private static WindowRef ref(WindowInfo w) {
    return WindowRef.newBuilder().setAppId(w.appId()).setTitle(w.title()).setWindowId(w.id()).build();
  }
}
