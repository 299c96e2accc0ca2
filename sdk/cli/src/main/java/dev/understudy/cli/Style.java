package dev.understudy.cli;

/**
 * Terminal colour, only where it helps and is wanted: when the output is a terminal and
 * {@code NO_COLOR} is not set.
 */
final class Style {

  private final boolean colour;

  Style(boolean colour) {
    this.colour = colour;
  }

  static Style forTerminal() {
    return new Style(System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM")));
  }

  String red(String s) {
    return wrap("31;1", s);
  }

  String green(String s) {
    return wrap("32", s);
  }

  String yellow(String s) {
    return wrap("33", s);
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  boolean enabled() {
    return colour;
  }

  private String wrap(String code, String s) {
    return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
