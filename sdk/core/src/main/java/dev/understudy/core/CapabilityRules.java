package dev.understudy.core;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ObservationKind;
import java.util.Set;

/**
 * Which capabilities an action needs, so the runtime can refuse what an adapter did not declare or
 * the policy does not allow. Stateless; any thread.
 */
final class CapabilityRules {

  // Shared immutable sets: this runs once per action on the pipeline thread.
  private static final Set<Capability> INTERACTIONS = Set.of(Capability.CAPABILITY_INTERACTIONS);
  private static final Set<Capability> INTERACTIONS_AND_TEXT =
      Set.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT);
  private static final Set<Capability> TEXT = Set.of(Capability.CAPABILITY_TEXT_CONTENT);
  private static final Set<Capability> INTERACTIONS_AND_CLIPBOARD =
      Set.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_CLIPBOARD_CONTENT);
  private static final Set<Capability> FILE_NAMES = Set.of(Capability.CAPABILITY_FILE_NAMES);
  private static final Set<Capability> SCREENSHOTS = Set.of(Capability.CAPABILITY_SCREENSHOTS);
  private static final Set<Capability> SNAPSHOTS = Set.of(Capability.CAPABILITY_SNAPSHOTS);

  private CapabilityRules() {}

  /**
   * The capabilities this action needs, or {@code null} when no adapter may emit it at all (session
   * records, which only the runtime writes, and actions with no kind).
   */
  static Set<Capability> required(Action action) {
    switch (action.getKindCase()) {
      case INVOKE:
      case FOCUS:
      case NAVIGATE:
      case KEY_SHORTCUT:
      case WINDOW_SWITCH:
      case SCROLL:
      case ANNOTATION:
        return INTERACTIONS;
      case SELECTION:
        return action.getSelection().getText().isEmpty() ? INTERACTIONS : INTERACTIONS_AND_TEXT;
      case TEXT_EDIT:
      case VALUE_CHANGE:
        return TEXT;
      case CLIPBOARD:
        return action.getClipboard().getContent().isEmpty() ? INTERACTIONS : INTERACTIONS_AND_CLIPBOARD;
      case FILE_EVENT:
        return FILE_NAMES;
      case OBSERVATION:
        return action.getObservation().getObservationKind() == ObservationKind.OBSERVATION_KIND_SCREENSHOT
            ? SCREENSHOTS
            : SNAPSHOTS;
      case SESSION_START:
      case SESSION_END:
      case GAP:
      case KIND_NOT_SET:
      default:
        return null;
    }
  }
}
