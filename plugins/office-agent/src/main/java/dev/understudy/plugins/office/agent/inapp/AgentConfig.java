package dev.understudy.plugins.office.agent.inapp;

import java.util.regex.Pattern;

/**
 * What the recorder asked of the agent in its {@code config} frame: whether to send accessibility
 * snapshots with actions and whether to report focus moves. Immutable.
 */
record AgentConfig(boolean snapshots, boolean focus) {
  private static final Pattern SNAPSHOTS = Pattern.compile("\"snapshots\"\\s*:\\s*true");
  private static final Pattern NO_FOCUS = Pattern.compile("\"focus\"\\s*:\\s*false");
  private static final Pattern CONFIG = Pattern.compile("\"type\"\\s*:\\s*\"config\"");

  /** Reads the backend's configuration frame; anything else is a protocol error. */
  static AgentConfig parse(String json) {
    if (json == null || !CONFIG.matcher(json).find()) {
      throw new IllegalStateException("expected a config frame from the recorder, got " + json);
    }
    return new AgentConfig(SNAPSHOTS.matcher(json).find(), !NO_FOCUS.matcher(json).find());
  }
}
