package dev.understudy.core;

import com.google.protobuf.ByteString;
import dev.understudy.api.ActionRefs;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the {@link ActionRefs} tokens adapters put on causes and their effects into
 * {@code parent_id}s, and removes the tokens. Remembers the ids of the most recent
 * {@value ActionRefs#REMEMBERED} causes, per adapter.
 *
 * <p>Threading: the pipeline thread only; not thread-safe.
 */
final class ParentRefs {

  private final Map<String, ByteString> ids = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ByteString> eldest) {
      return size() > ActionRefs.REMEMBERED;
    }
  };

  /** Removes the effect's {@link ActionRefs#PARENT_REF} and sets its parent id when the cause was written. */
  void resolveParent(Action.Builder action, String adapter) {
    String token = take(action, ActionRefs.PARENT_REF);
    if (token != null) {
      ByteString parent = ids.get(key(adapter, token));
      if (parent != null) {
        action.setParentId(parent);
      }
    }
  }

  /** Removes the cause's {@link ActionRefs#REF} and returns its token, or null when it has none. */
  static String takeRef(Action.Builder action) {
    return take(action, ActionRefs.REF);
  }

  /** Whether the action carries a cause's {@link ActionRefs#REF} (no copy is made when it does not). */
  static boolean hasRef(Action action) {
    for (int i = 0; i < action.getAttributesCount(); i++) {
      if (action.getAttributes(i).getKey().equals(ActionRefs.REF)) {
        return true;
      }
    }
    return false;
  }

  /** The cause with this token was written with this id. */
  void remember(String adapter, String token, ByteString id) {
    ids.put(key(adapter, token), id);
  }

  private static String take(Action.Builder action, String key) {
    for (int i = 0; i < action.getAttributesCount(); i++) {
      Attribute a = action.getAttributes(i);
      if (a.getKey().equals(key)) {
        action.removeAttributes(i);
        return a.getValue();
      }
    }
    return null;
  }

  private static String key(String adapter, String token) {
    return adapter + '\u0000' + token;
  }
}
