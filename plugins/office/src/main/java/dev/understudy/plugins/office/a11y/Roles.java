package dev.understudy.plugins.office.a11y;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the role names desktop accessibility APIs use — {@code javax.accessibility} ("push button"),
 * AT-SPI ("check menu item"), the Java Access Bridge (the Java names again) and UI Automation control
 * types ("Button") — into the ARIA-style role a {@code Target} carries ("button", "menuitemcheckbox").
 * An unknown role passes through lower-cased, so nothing is lost. Stateless.
 */
public final class Roles {
  private static final Map<String, String> ARIA = Map.ofEntries(
      Map.entry("pushbutton", "button"), Map.entry("button", "button"), Map.entry("togglebutton", "button"),
      Map.entry("checkbox", "checkbox"), Map.entry("radiobutton", "radio"), Map.entry("combobox", "combobox"),
      Map.entry("text", "textbox"), Map.entry("entry", "textbox"), Map.entry("edit", "textbox"),
      Map.entry("passwordtext", "textbox"), Map.entry("spinbox", "spinbutton"), Map.entry("spinbutton", "spinbutton"),
      Map.entry("menuitem", "menuitem"), Map.entry("checkmenuitem", "menuitemcheckbox"),
      Map.entry("radiomenuitem", "menuitemradio"), Map.entry("menu", "menu"), Map.entry("menubar", "menubar"),
      Map.entry("popupmenu", "menu"), Map.entry("dialog", "dialog"), Map.entry("alert", "alertdialog"),
      Map.entry("filechooser", "dialog"), Map.entry("frame", "window"), Map.entry("window", "window"),
      Map.entry("label", "label"), Map.entry("list", "listbox"), Map.entry("listbox", "listbox"),
      Map.entry("listitem", "option"), Map.entry("pagetab", "tab"), Map.entry("tabitem", "tab"),
      Map.entry("pagetablist", "tablist"), Map.entry("tab", "tablist"), Map.entry("table", "grid"),
      Map.entry("datagrid", "grid"), Map.entry("tablecell", "gridcell"), Map.entry("dataitem", "gridcell"),
      Map.entry("tree", "tree"), Map.entry("treeitem", "treeitem"), Map.entry("toolbar", "toolbar"),
      Map.entry("slider", "slider"), Map.entry("scrollbar", "scrollbar"), Map.entry("hyperlink", "link"),
      Map.entry("link", "link"), Map.entry("heading", "heading"), Map.entry("paragraph", "paragraph"),
      Map.entry("documenttext", "document"), Map.entry("documentframe", "document"), Map.entry("document", "document"),
      Map.entry("panel", "group"), Map.entry("pane", "group"), Map.entry("group", "group"),
      Map.entry("groupbox", "group"), Map.entry("progressbar", "progressbar"), Map.entry("statusbar", "status"),
      Map.entry("tooltip", "tooltip"), Map.entry("separator", "separator"), Map.entry("internalframe", "dialog"),
      Map.entry("optionpane", "dialog"));

  /** Raw role names that mean a password field, normalized (lower case, no separators). */
  private static final Set<String> PASSWORD = Set.of("passwordtext", "password", "passwordfield");

  private Roles() {}

  /** The ARIA-style role for a platform role name; unknown names pass through lower-cased. */
  public static String aria(String platformRole) {
    if (platformRole == null || platformRole.isBlank()) {
      return "";
    }
    String aria = ARIA.get(normalize(platformRole));
    return aria != null ? aria : platformRole.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether a platform role name means a password field. */
  public static boolean isPassword(String platformRole) {
    return platformRole != null && PASSWORD.contains(normalize(platformRole));
  }

  private static String normalize(String role) {
    StringBuilder b = new StringBuilder(role.length());
    for (int i = 0; i < role.length(); i++) {
      char c = role.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }
}
