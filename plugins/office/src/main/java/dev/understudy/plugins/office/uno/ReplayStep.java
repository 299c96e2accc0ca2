package dev.understudy.plugins.office.uno;

import java.util.List;
import java.util.Objects;

/**
 * One UNO command to dispatch in a replay: {@code .uno:InsertText} with {@code Text=Hello}, or
 * {@code .uno:Bold} with {@code Bold=true}. Immutable.
 *
 * @param command the command URL
 * @param arguments its arguments, with the UNO types they were recorded with
 */
public record ReplayStep(String command, List<UnoArgument> arguments) {
  public ReplayStep {
    Objects.requireNonNull(command, "command");
    arguments = List.copyOf(arguments);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(command);
    for (UnoArgument a : arguments) {
      b.append(' ').append(a.name()).append('=').append(a.value());
    }
    return b.toString();
  }
}
