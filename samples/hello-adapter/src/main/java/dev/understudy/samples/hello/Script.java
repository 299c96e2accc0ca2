package dev.understudy.samples.hello;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Clipboard;
import dev.understudy.proto.v1.ClipboardOperation;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import dev.understudy.proto.v1.Focus;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.KeyShortcut;
import dev.understudy.proto.v1.Modifier;
import dev.understudy.proto.v1.Navigate;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.ValueChange;
import dev.understudy.proto.v1.ValueKind;
import dev.understudy.proto.v1.WindowRef;
import dev.understudy.proto.v1.WindowSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hello script: one step a line, turned into semantic actions. The format is described in the
 * sample's README. The script remembers the current window and page, so each action carries its
 * source application and window title, and a window switch or navigation knows where it came from.
 *
 * <p>Not thread-safe: the adapter's script thread owns it.
 */
final class Script {

  /** The application id actions carry before the script's first {@code window} step. */
  static final String DEFAULT_APP_ID = "hello";

  private static final String VERBS = "window, focus, type, keys, paste, click, invoke, shortcut, navigate, open, save";

  // role "name", then any number of: in role "name"
  private static final Pattern TARGET = Pattern.compile("(\\S+)\\s+\"([^\"]*)\"");
  private static final Pattern CONTEXT = Pattern.compile("\\s+in\\s+(\\S+)\\s+\"([^\"]*)\"");

  private static final Map<String, InvokeMethod> METHODS = Map.of(
      "click", InvokeMethod.INVOKE_METHOD_CLICK,
      "keyboard", InvokeMethod.INVOKE_METHOD_KEYBOARD,
      "menu", InvokeMethod.INVOKE_METHOD_MENU,
      "toolbar", InvokeMethod.INVOKE_METHOD_TOOLBAR,
      "shortcut", InvokeMethod.INVOKE_METHOD_SHORTCUT,
      "palette", InvokeMethod.INVOKE_METHOD_COMMAND_PALETTE,
      "macro", InvokeMethod.INVOKE_METHOD_PROGRAMMATIC);

  private static final Map<String, Modifier> MODIFIERS = Map.of(
      "ctrl", Modifier.MODIFIER_CTRL,
      "control", Modifier.MODIFIER_CTRL,
      "shift", Modifier.MODIFIER_SHIFT,
      "alt", Modifier.MODIFIER_ALT,
      "option", Modifier.MODIFIER_ALT,
      "meta", Modifier.MODIFIER_META,
      "cmd", Modifier.MODIFIER_META,
      "super", Modifier.MODIFIER_META);

  private final List<String> lines;
  private WindowRef window = WindowRef.newBuilder().setAppId(DEFAULT_APP_ID).build();
  private String url = "";

  Script(List<String> lines) {
    this.lines = List.copyOf(lines);
  }

  /** How many lines the script has, comments and blanks included. */
  int lineCount() {
    return lines.size();
  }

  /**
   * The actions for a line (1-based), without time: one for most steps, one per key for
   * {@code keys}, none for a blank line or a comment.
   *
   * @throws ScriptException naming the line, when it does not parse
   */
  List<Action> steps(int lineNumber) throws ScriptException {
    String line = lines.get(lineNumber - 1).strip();
    if (!line.startsWith("keys ")) {
      return step(lineNumber).map(List::of).orElse(List.of());
    }
    // Typing as an adapter that reports every keystroke does: the field's value after each key.
    String usage = "keys <role> \"<name>\" = <text>";
    ParsedTarget parsed = target(lineNumber, line.substring(5).strip(), usage);
    if (!parsed.rest.startsWith("=")) {
      throw new ScriptException(lineNumber, "expected: " + usage);
    }
    String text = parsed.rest.substring(1).strip();
    List<Action> keys = new java.util.ArrayList<>(text.length());
    Source source = Source.newBuilder().setAppId(window.getAppId()).setWindowTitle(window.getTitle()).build();
    for (int i = 1; i <= text.length(); i++) {
      keys.add(Action.newBuilder().setSource(source).setTarget(parsed.target)
          .setValueChange(ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_TEXT)
              .setValue(text.substring(0, i)).setPreviousValue(text.substring(0, i - 1)))
          .build());
    }
    return keys;
  }

  /**
   * The action for a line (1-based), without time: empty for a blank line or a comment.
   *
   * @throws ScriptException naming the line, when it does not parse; the script's state is unchanged
   */
  Optional<Action> step(int lineNumber) throws ScriptException {
    String line = lines.get(lineNumber - 1).strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return Optional.empty();
    }
    int space = line.indexOf(' ');
    String verb = space < 0 ? line : line.substring(0, space);
    String rest = space < 0 ? "" : line.substring(space + 1).strip();
    Action.Builder action = Action.newBuilder();
    switch (verb) {
      case "window" -> windowSwitch(lineNumber, rest, action);
      case "focus" -> action.setTarget(wholeTarget(lineNumber, rest, "focus <role> \"<name>\"")).setFocus(Focus.getDefaultInstance());
      case "type" -> type(lineNumber, rest, action);
      case "paste" -> paste(lineNumber, rest, action);
      case "click" -> action.setTarget(wholeTarget(lineNumber, rest, "click <role> \"<name>\""))
          .setInvoke(Invoke.newBuilder().setMethod(InvokeMethod.INVOKE_METHOD_CLICK));
      case "invoke" -> invoke(lineNumber, rest, action);
      case "shortcut" -> action.setKeyShortcut(shortcut(lineNumber, rest));
      case "navigate" -> navigate(lineNumber, rest, action);
      case "open" -> action.setFileEvent(file(lineNumber, "open", rest, FileOperation.FILE_OPERATION_OPEN));
      case "save" -> action.setFileEvent(file(lineNumber, "save", rest, FileOperation.FILE_OPERATION_SAVE));
      default -> throw new ScriptException(lineNumber, "unknown step '" + verb + "'; expected one of: " + VERBS);
    }
    // After a window switch this is the new window: the action happened there.
    action.setSource(Source.newBuilder().setAppId(window.getAppId()).setWindowTitle(window.getTitle()));
    return Optional.of(action.build());
  }

  private void windowSwitch(int lineNumber, String rest, Action.Builder action) throws ScriptException {
    int bar = rest.indexOf('|');
    String appId = bar < 0 ? "" : rest.substring(0, bar).strip();
    String title = bar < 0 ? "" : rest.substring(bar + 1).strip();
    if (appId.isEmpty() || appId.contains(" ") || title.isEmpty()) {
      throw new ScriptException(lineNumber, "expected: window <app-id> | <title>");
    }
    WindowRef to = WindowRef.newBuilder().setAppId(appId).setTitle(title).build();
    action.setWindowSwitch(WindowSwitch.newBuilder().setFrom(window).setTo(to));
    window = to;
  }

  private static void type(int lineNumber, String rest, Action.Builder action) throws ScriptException {
    String usage = "type <role> \"<name>\" = <text>";
    ParsedTarget parsed = target(lineNumber, rest, usage);
    if (!parsed.rest.startsWith("=")) {
      throw new ScriptException(lineNumber, "expected: " + usage);
    }
    String text = parsed.rest.substring(1).strip();
    Target.Builder target = parsed.target.toBuilder();
    ValueChange.Builder change = ValueChange.newBuilder().setValueKind(ValueKind.VALUE_KIND_TEXT);
    if (target.getRole().equals("password")) {
      // Privacy at the source: a password's value never leaves the adapter.
      target.setRole("textbox").setSecure(true);
      change.setValueOmitted(true);
    } else {
      change.setValue(text);
    }
    action.setTarget(target).setValueChange(change);
  }

  private static void paste(int lineNumber, String rest, Action.Builder action) throws ScriptException {
    String usage = "paste <role> \"<name>\" = <text>";
    ParsedTarget parsed = target(lineNumber, rest, usage);
    if (!parsed.rest.startsWith("=")) {
      throw new ScriptException(lineNumber, "expected: " + usage);
    }
    String text = parsed.rest.substring(1).strip();
    action.setTarget(parsed.target).setClipboard(Clipboard.newBuilder()
        .setOperation(ClipboardOperation.CLIPBOARD_OPERATION_PASTE)
        .setContent(text)
        .setContentLength(text.length())
        .setMediaType("text/plain"));
  }

  private static void invoke(int lineNumber, String rest, Action.Builder action) throws ScriptException {
    String[] words = rest.split("\\s+");
    boolean plain = words.length == 1 && !words[0].isEmpty();
    boolean withMethod = words.length == 3 && words[1].equals("via");
    if (!plain && !withMethod) {
      throw new ScriptException(lineNumber, "expected: invoke <command> [via <" + String.join("|", METHODS.keySet().stream().sorted().toList()) + ">]");
    }
    Invoke.Builder invoke = Invoke.newBuilder().setCommand(words[0]);
    if (withMethod) {
      InvokeMethod method = METHODS.get(words[2]);
      if (method == null) {
        throw new ScriptException(lineNumber, "unknown invoke method '" + words[2] + "'; expected one of: "
            + String.join(", ", METHODS.keySet().stream().sorted().toList()));
      }
      invoke.setMethod(method);
    }
    action.setInvoke(invoke);
  }

  private static KeyShortcut shortcut(int lineNumber, String rest) throws ScriptException {
    String[] parts = rest.split("\\+", -1);
    String key = parts[parts.length - 1].strip();
    if (rest.isEmpty() || rest.contains(" ") || key.isEmpty()) {
      throw new ScriptException(lineNumber, "expected: shortcut <Modifier>+...+<Key>, e.g. Ctrl+S");
    }
    KeyShortcut.Builder shortcut = KeyShortcut.newBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      Modifier modifier = MODIFIERS.get(parts[i].toLowerCase(Locale.ROOT));
      if (modifier == null) {
        throw new ScriptException(lineNumber, "unknown modifier '" + parts[i] + "'; expected Ctrl, Shift, Alt or Meta");
      }
      shortcut.addModifiers(modifier);
    }
    // DOM KeyboardEvent.key: a letter is reported in lower case; named keys (Enter, F5) as they are.
    return shortcut.setKey(key.length() == 1 ? key.toLowerCase(Locale.ROOT) : key).build();
  }

  private void navigate(int lineNumber, String rest, Action.Builder action) throws ScriptException {
    if (rest.isEmpty() || rest.contains(" ")) {
      throw new ScriptException(lineNumber, "expected: navigate <url>");
    }
    action.setNavigate(Navigate.newBuilder().setUrl(rest).setPreviousUrl(url));
    url = rest;
  }

  private static FileEvent file(int lineNumber, String verb, String path, FileOperation operation) throws ScriptException {
    if (path.isEmpty()) {
      throw new ScriptException(lineNumber, "expected: " + verb + " <path>");
    }
    return FileEvent.newBuilder().setOperation(operation).setPath(path).build();
  }

  private static Target wholeTarget(int lineNumber, String text, String usage) throws ScriptException {
    ParsedTarget parsed = target(lineNumber, text, usage);
    if (!parsed.rest.isEmpty()) {
      throw new ScriptException(lineNumber, "unexpected '" + parsed.rest + "'; expected: " + usage + " [in <role> \"<name>\"]");
    }
    return parsed.target;
  }

  // role "name" [in role "name"]...; containers are written innermost first and stored outermost first.
  private static ParsedTarget target(int lineNumber, String text, String usage) throws ScriptException {
    Matcher head = TARGET.matcher(text);
    if (!head.lookingAt()) {
      throw new ScriptException(lineNumber, "expected: " + usage);
    }
    Target.Builder target = Target.newBuilder().setRole(head.group(1)).setName(head.group(2));
    List<ContextElement> containers = new ArrayList<>();
    Matcher context = CONTEXT.matcher(text);
    int end = head.end();
    context.region(end, text.length());
    while (context.lookingAt()) {
      containers.add(0, ContextElement.newBuilder().setRole(context.group(1)).setName(context.group(2)).build());
      end = context.end();
      context.region(end, text.length());
    }
    return new ParsedTarget(target.addAllContext(containers).build(), text.substring(end).strip());
  }

  private record ParsedTarget(Target target, String rest) {}
}
