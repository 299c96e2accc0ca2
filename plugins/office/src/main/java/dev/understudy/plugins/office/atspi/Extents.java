package dev.understudy.plugins.office.atspi;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** A rectangle as AT-SPI passes it: {@code (iiii)}. */
public final class Extents extends Struct {
  @Position(0)
  private final int x;
  @Position(1)
  private final int y;
  @Position(2)
  private final int width;
  @Position(3)
  private final int height;

  /** A rectangle. */
  public Extents(int x, int y, int width, int height) {
    this.x = x;
    this.y = y;
    this.width = width;
    this.height = height;
  }

  /** {@code x, y, width, height}. */
  int[] toArray() {
    return new int[] {x, y, width, height};
  }
}
