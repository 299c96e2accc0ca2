package dev.understudy.plugins.office.atspi;

/**
 * An accessible object on the AT-SPI bus.
 *
 * @param bus the application's unique bus name (":1.42")
 * @param path the object path ("/org/a11y/atspi/accessible/17")
 */
record Node(String bus, String path) {}
