package dev.understudy.core;

import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Capability;
import dev.understudy.proto.v1.ObservationKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which capabilities an action needs, so the runtime can refuse what an adapter did not declare or
 * the policy does not allow. Stateless; any thread.
 */
final class CapabilityRules {

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
        return EnumSet.of(Capability.CAPABILITY_INTERACTIONS);
      case SELECTION:
        return action.getSelection().getText().isEmpty()
            ? EnumSet.of(Capability.CAPABILITY_INTERACTIONS)
            : EnumSet.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_TEXT_CONTENT);
      case TEXT_EDIT:
      case VALUE_CHANGE:
        return EnumSet.of(Capability.CAPABILITY_TEXT_CONTENT);
      case CLIPBOARD:
        return action.getClipboard().getContent().isEmpty()
            ? EnumSet.of(Capability.CAPABILITY_INTERACTIONS)
            : EnumSet.of(Capability.CAPABILITY_INTERACTIONS, Capability.CAPABILITY_CLIPBOARD_CONTENT);
      case FILE_EVENT:
        return EnumSet.of(Capability.CAPABILITY_FILE_NAMES);
      case OBSERVATION:
        return action.getObservation().getObservationKind() == ObservationKind.OBSERVATION_KIND_SCREENSHOT
            ? EnumSet.of(Capability.CAPABILITY_SCREENSHOTS)
            : EnumSet.of(Capability.CAPABILITY_SNAPSHOTS);
      case SESSION_START:
      case SESSION_END:
      case GAP:
      case KIND_NOT_SET:
      default:
        return null;
    }
  }
}
