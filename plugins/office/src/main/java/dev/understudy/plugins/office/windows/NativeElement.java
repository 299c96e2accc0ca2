package dev.understudy.plugins.office.windows;

import java.util.List;

/**
 * An element as a Windows accessibility API described it when its event arrived — read by the native
 * layer on its own thread, so translation never calls back into the application.
 *
 * @param id the API's identity for the element (UI Automation runtime id, Access Bridge context), to
 *     tell fields apart
 * @param role the API's role: a Java role ({@code "push button"}) or a UI Automation control type
 *     ({@code "Button"})
 * @param name the accessible name
 * @param automationId UI Automation's AutomationId, or a Java component name; may be empty
 * @param password whether the element is a password field (its value is never read)
 * @param states the element's states, in the API's English names
 * @param bounds screen bounds {@code [x, y, width, height]}, or null
 * @param app the application: the process's executable name ("javaw.exe", "EXCEL.EXE")
 * @param window the title of the top-level window
 * @param ancestors the containers from the window down to the parent, outermost first
 * @param value the element's text or value when the event came, or null (never for a password)
 */
public record NativeElement(String id, String role, String name, String automationId, boolean password,
    List<String> states, int[] bounds, String app, String window, List<Ancestor> ancestors, String value) {

  /** A container around an element. */
  public record Ancestor(String role, String name) {}

  /** Null lists become empty ones, so fixtures may leave them out. */
  public NativeElement {
    states = states == null ? List.of() : List.copyOf(states);
    ancestors = ancestors == null ? List.of() : List.copyOf(ancestors);
    id = id == null ? "" : id;
    name = name == null ? "" : name;
    automationId = automationId == null ? "" : automationId;
    app = app == null ? "" : app;
    window = window == null ? "" : window;
    value = password ? null : value;
  }
}
