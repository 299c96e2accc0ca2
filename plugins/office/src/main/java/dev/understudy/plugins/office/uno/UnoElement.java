package dev.understudy.plugins.office.uno;

import java.util.List;
import java.util.Objects;

/**
 * An accessible element of LibreOffice's user interface (a toolbar button, a menu item, a dialog field),
 * described from its UNO accessibility context. Immutable. Public only for the bridge's class loader
 * (see {@link UnoBridge}).
 *
 * @param role the role in ARIA terms: {@code button}, {@code menuitem}, {@code textbox}, {@code checkbox}, ...
 * @param name the accessible name: {@code Bold}, {@code Name:}
 * @param context the named containers around it, outermost first (a dialog, a toolbar, the menus of a
 *     menu path), each as {@code {role, name}}
 * @param secure true for a password field: its value is never read
 * @param bounds {@code {x, y, width, height}} on screen, or empty when not known
 */
public record UnoElement(String role, String name, List<Container> context, boolean secure, List<Integer> bounds) {
  /** A named container around an element. */
  public record Container(String role, String name) {
    public Container {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(name, "name");
    }
  }

  public UnoElement {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    context = List.copyOf(context);
    bounds = List.copyOf(bounds);
    if (!bounds.isEmpty() && bounds.size() != 4) {
      throw new IllegalArgumentException("bounds: expected x, y, width, height, got " + bounds);
    }
  }

  /** The innermost container with this role, if any. */
  public java.util.Optional<Container> inside(String containerRole) {
    for (int i = context.size() - 1; i >= 0; i--) {
      if (context.get(i).role().equals(containerRole)) {
        return java.util.Optional.of(context.get(i));
      }
    }
    return java.util.Optional.empty();
  }
}
