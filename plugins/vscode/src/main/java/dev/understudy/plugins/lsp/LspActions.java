package dev.understudy.plugins.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Invoke;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.Source;
import dev.understudy.proto.v1.Target;
import dev.understudy.proto.v1.TextLocation;
import dev.understudy.proto.v1.TextPosition;
import dev.understudy.proto.v1.TextRange;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** Builds the parts of actions from LSP shapes: sources, document targets, ranges, attributes. Immutable. */
final class LspActions {
  private final String appId;

  LspActions(String appId) {
    this.appId = Objects.requireNonNull(appId, "appId");
  }

  /** An action in document {@code uri} (may be empty), targeting {@code range} in it when given. */
  Action.Builder action(String uri, TextRange range) {
    Action.Builder a = Action.newBuilder().setSource(source(uri));
    if (!uri.isEmpty()) {
      TextLocation.Builder loc = TextLocation.newBuilder().setUri(uri);
      if (range != null) {
        loc.setRange(range);
      }
      a.setTarget(Target.newBuilder().setRole("document").addLocators(Locator.newBuilder().setTextLocation(loc)));
    }
    return a;
  }

  /** An invoke of an LSP method at a position or range (a JSON object with or without {@code start}). */
  Action.Builder invoke(String command, String uri, JsonNode rangeOrPosition) {
    TextRange range = rangeOrPosition == null || rangeOrPosition.isMissingNode() ? null
        : rangeOrPosition.has("start") ? range(rangeOrPosition) : position(rangeOrPosition);
    return action(uri, range).setInvoke(Invoke.newBuilder().setCommand(command).setMethod(InvokeMethod.INVOKE_METHOD_PROGRAMMATIC));
  }

  Source source(String uri) {
    return Source.newBuilder().setAppId(appId).setDocument(uri).build();
  }

  /** A file path for {@code file:} URIs (so path-based policy globs apply), else the URI as given. */
  static String path(String uri) {
    if (uri.startsWith("file:")) {
      try {
        return Path.of(URI.create(uri)).toString();
      } catch (RuntimeException e) {
        return uri;
      }
    }
    return uri;
  }

  static TextRange position(JsonNode position) {
    TextPosition p = pos(position);
    return TextRange.newBuilder().setStart(p).setEnd(p).build();
  }

  static TextRange range(JsonNode range) {
    return TextRange.newBuilder().setStart(pos(range.path("start"))).setEnd(pos(range.path("end"))).build();
  }

  static TextPosition pos(JsonNode p) {
    return TextPosition.newBuilder().setLine(Math.max(0, p.path("line").asInt(0)))
        .setCharacter(Math.max(0, p.path("character").asInt(0))).build();
  }

  static Attribute attr(String key, String value) {
    return Attribute.newBuilder().setKey(key).setValue(value).build();
  }

  /** The action with one more attribute. */
  static Action withAttribute(Action a, String key, String value) {
    return a.toBuilder().addAttributes(attr(key, value)).build();
  }

  /** The value of the first attribute with this key, or null. */
  static String attribute(Action a, String key) {
    for (Attribute x : a.getAttributesList()) {
      if (x.getKey().equals(key)) {
        return x.getValue();
      }
    }
    return null;
  }

  /** {@code text} cut to {@code max} characters, with an ellipsis when cut. */
  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
