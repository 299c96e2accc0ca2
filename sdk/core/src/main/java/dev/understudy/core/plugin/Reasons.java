package dev.understudy.core.plugin;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/** Turns an exception chain into the one-line reason a {@link PluginProblem} carries. */
final class Reasons {

  private static final int MAX_DEPTH = 5;

  private Reasons() {}

  /**
   * The distinct messages of the chain joined by ": ", innermost last; an exception without a message
   * is named by its class. Wrappers that add nothing (reflection, initializer errors) are skipped.
   */
  static String of(Throwable error) {
    List<String> parts = new ArrayList<>();
    Throwable current = error;
    for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
      String part = describe(current);
      if (part != null && parts.stream().noneMatch(p -> p.contains(part))) {
        parts.add(part);
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return parts.isEmpty() ? error.getClass().getName() : String.join(": ", parts).replaceAll("\\s*\\R\\s*", " ");
  }

  private static String describe(Throwable error) {
    if (error instanceof InvocationTargetException) {
      return null;
    }
    if (error instanceof ExceptionInInitializerError) {
      return "static initializer failed";
    }
    String message = error.getMessage();
    if (message == null || message.isBlank() || (error.getCause() != null && message.equals(error.getCause().toString()))) {
      return error.getCause() == null ? error.getClass().getSimpleName() : null;
    }
    return message.strip();
  }
}
