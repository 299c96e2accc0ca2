package dev.understudy.cli;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Argument;
import dev.understudy.proto.v1.Gap;
import dev.understudy.proto.v1.PluginInfo;
import dev.understudy.proto.v1.SessionEnd;
import dev.understudy.proto.v1.SessionStart;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextRange;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders actions as a readable timeline, one line each: time, app, kind, target, key fields.
 * Stateless apart from the time zone; thread-safe.
 */
final class Timeline {

  private static final int MAX_TEXT = 60;
  private final DateTimeFormatter timeFormat;

  Timeline(ZoneId zone) {
    this.timeFormat = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
  }

  String header() {
    return String.format(Locale.ROOT, "%-5s %-12s %-14s %-14s %s", "SEQ", "TIME", "APP", "KIND", "WHAT");
  }

  String line(Action a) {
    long t = a.getTimeUnixNano();
    String time = t == 0 ? "-" : timeFormat.format(Instant.ofEpochSecond(t / 1_000_000_000L, t % 1_000_000_000L));
    String app = !a.getSource().getAppId().isEmpty() ? a.getSource().getAppId()
        : !a.getSource().getAdapterId().isEmpty() ? a.getSource().getAdapterId() : "-";
    String kind = a.getKindCase() == Action.KindCase.KIND_NOT_SET ? "?"
        : a.getDescriptorForType().findFieldByNumber(a.getKindCase().getNumber()).getName();
    return String.format(Locale.ROOT, "%-5d %-12s %-14s %-14s %s", a.getSeq(), time, clip(app, 14), kind, describe(a));
  }

  /** The part after the kind: what was done to what. */
  static String describe(Action a) {
    List<String> parts = new ArrayList<>();
    String target = target(a.getTarget());
    switch (a.getKindCase()) {
      case INVOKE:
        parts.add(a.getInvoke().getCommand().isEmpty() ? "" : a.getInvoke().getCommand());
        parts.add(target);
        if (a.getInvoke().getMenuPathCount() > 0) {
          parts.add("menu " + String.join(" > ", a.getInvoke().getMenuPathList()));
        }
        if (a.getInvoke().getArgumentsCount() > 0) {
          parts.add(a.getInvoke().getArgumentsList().stream().map(Timeline::argument).collect(Collectors.joining(", ", "(", ")")));
        }
        parts.add(method(a.getInvoke().getMethod().name(), "INVOKE_METHOD_"));
        break;
      case TEXT_EDIT:
        parts.add(method(a.getTextEdit().getOperation().name(), "EDIT_OPERATION_"));
        parts.add(quote(a.getTextEdit().getText()));
        parts.add(range(a.getTextEdit().getRange()));
        parts.add(target);
        break;
      case VALUE_CHANGE:
        parts.add(target);
        parts.add(a.getValueChange().getValueOmitted() ? "= (value not recorded)" : "= " + quote(a.getValueChange().getValue()));
        break;
      case FOCUS:
        parts.add("→ " + target);
        break;
      case NAVIGATE:
        parts.add(a.getNavigate().getUrl());
        parts.add(method(a.getNavigate().getNavigationType().name(), "NAVIGATION_TYPE_"));
        break;
      case SELECTION:
        parts.add(target);
        parts.add(a.getSelection().getReference());
        if (!a.getSelection().getText().isEmpty()) {
          parts.add(quote(a.getSelection().getText()));
        }
        break;
      case KEY_SHORTCUT:
        parts.add(a.getKeyShortcut().getModifiersList().stream()
            .map(m -> method(m.name(), "MODIFIER_")).map(Timeline::capitalize)
            .collect(Collectors.joining("+")) + (a.getKeyShortcut().getModifiersCount() > 0 ? "+" : "")
            + a.getKeyShortcut().getKey());
        parts.add(target);
        break;
      case WINDOW_SWITCH:
        parts.add(window(a.getWindowSwitch().getFrom().getAppId(), a.getWindowSwitch().getFrom().getTitle())
            + " → " + window(a.getWindowSwitch().getTo().getAppId(), a.getWindowSwitch().getTo().getTitle()));
        break;
      case SCROLL:
        parts.add("dx=" + a.getScroll().getDeltaXPx() + " dy=" + a.getScroll().getDeltaYPx());
        parts.add(target);
        break;
      case FILE_EVENT:
        parts.add(method(a.getFileEvent().getOperation().name(), "FILE_OPERATION_"));
        parts.add(a.getFileEvent().getPath());
        if (!a.getFileEvent().getNewPath().isEmpty()) {
          parts.add("→ " + a.getFileEvent().getNewPath());
        }
        break;
      case CLIPBOARD:
        parts.add(method(a.getClipboard().getOperation().name(), "CLIPBOARD_OPERATION_"));
        parts.add(a.getClipboard().getContentLength() + " chars");
        parts.add(target);
        break;
      case OBSERVATION:
        parts.add(method(a.getObservation().getObservationKind().name(), "OBSERVATION_KIND_"));
        parts.add(a.getObservation().getMediaType());
        parts.add((a.getObservation().getText().length() + a.getObservation().getData().size()) + " bytes");
        break;
      case ANNOTATION:
        parts.add(quote(a.getAnnotation().getText()));
        break;
      case SESSION_START:
        parts.add(start(a.getSessionStart()));
        break;
      case SESSION_END:
        parts.add(end(a.getSessionEnd()));
        break;
      case GAP:
        parts.add(gap(a.getGap()));
        break;
      case PAUSE:
        parts.add(a.getPause().getPaused() ? "capture paused by the person" : "capture resumed");
        break;
      default:
        parts.add("(no kind)");
    }
    if (a.getRedactionsCount() > 0) {
      parts.add("[" + a.getRedactionsCount() + " redacted]");
    }
    return parts.stream().filter(s -> s != null && !s.isBlank()).collect(Collectors.joining("  "));
  }

  private static String start(SessionStart s) {
    String plugins = s.getPluginsList().stream().map(Timeline::plugin).collect(Collectors.joining(", "));
    return "session started (schema v" + s.getSchemaVersion() + ", "
        + method(s.getDurability().name(), "DURABILITY_").replace('_', '-') + "): " + (plugins.isEmpty() ? "no plugins" : plugins)
        + (s.getConsentIdsCount() > 0 ? "; consent " + String.join(", ", s.getConsentIdsList())
            : s.getConsentId().isEmpty() ? "" : "; consent " + s.getConsentId())
        + (s.getPolicyHash().length() >= 12 ? "; policy " + s.getPolicyHash().substring(0, 12) : "");
  }

  private static String plugin(PluginInfo p) {
    return p.getName() + " " + p.getVersion();
  }

  private static String end(SessionEnd e) {
    return "session ended (" + method(e.getEndReason().name(), "END_REASON_") + "): " + e.getActionCount() + " actions, "
        + e.getDroppedCount() + " lost, " + String.format(Locale.ROOT, "%.1f s", e.getDurationNano() / 1e9);
  }

  private static String gap(Gap g) {
    return "LOST " + g.getCount() + " (" + method(g.getGapReason().name(), "GAP_REASON_").replace('_', ' ') + ")"
        + (g.getPluginId().isEmpty() ? "" : " from " + g.getPluginId())
        + (g.getDetail().isEmpty() ? "" : ": " + clip(g.getDetail(), MAX_TEXT));
  }

  static String target(Target t) {
    if (t.getRole().isEmpty() && t.getName().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(t.getRole().isEmpty() ? "element" : t.getRole());
    if (!t.getName().isEmpty()) {
      sb.append(' ').append(quote(t.getName()));
    }
    if (t.getContextCount() > 0) {
      var c = t.getContext(t.getContextCount() - 1);
      sb.append(" in ").append(c.getRole()).append(c.getName().isEmpty() ? "" : " " + quote(c.getName()));
    }
    if (t.getSecure()) {
      sb.append(" (secure)");
    }
    return sb.toString();
  }

  private static String argument(Argument a) {
    return a.getName() + "=" + clip(a.getValue(), 20);
  }

  private static String window(String app, String title) {
    return quote(title.isEmpty() ? app : title);
  }

  private static String range(TextRange r) {
    if (!r.hasStart()) {
      return "";
    }
    return "@" + (r.getStart().getLine() + 1) + ":" + (r.getStart().getCharacter() + 1);
  }

  private static String method(String enumName, String prefix) {
    if (enumName.endsWith("UNSPECIFIED") || enumName.equals("UNRECOGNIZED")) {
      return "";
    }
    return enumName.substring(prefix.length()).toLowerCase(Locale.ROOT);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String quote(String s) {
    return "\"" + clip(s.replace("\n", "⏎"), MAX_TEXT) + "\"";
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
