package dev.understudy.plugins.office.atspi;

import java.util.List;

/**
 * What the describer learned about an accessible object.
 *
 * @param role the AT-SPI role name ("push button")
 * @param name the accessible name
 * @param states the AT-SPI state set as a 64-bit mask (bit n: state n)
 * @param app the application's name (its root object's accessible name)
 * @param window the name of the frame, dialog or window the object is in, or empty
 * @param windowRole that window's role, or empty
 * @param menus the names of the menus around a menu item, outermost first (empty elsewhere)
 */
record Description(String role, String name, long states, String app, String window, String windowRole,
    List<String> menus) {
  /** AT-SPI state: checked. */
  static final int CHECKED = 4;
  /** AT-SPI state: editable. */
  static final int EDITABLE = 7;
  /** AT-SPI state: multi-line. */
  static final int MULTI_LINE = 17;
  /** AT-SPI state: single-line. */
  static final int SINGLE_LINE = 26;

  /** Whether state {@code n} is set. */
  boolean has(int n) {
    return (states & (1L << n)) != 0;
  }
}
