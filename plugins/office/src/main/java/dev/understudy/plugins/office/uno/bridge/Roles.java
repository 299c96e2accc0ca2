package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.accessibility.AccessibleRole;
import java.util.Map;
import java.util.Set;

/** UNO accessible roles in the ARIA terms actions use, and the role groups the capture cares about. */
final class Roles {
  private static final Map<Short, String> ARIA = Map.ofEntries(
      Map.entry(AccessibleRole.PUSH_BUTTON, "button"),
      Map.entry(AccessibleRole.TOGGLE_BUTTON, "button"),
      Map.entry(AccessibleRole.BUTTON_DROPDOWN, "button"),
      Map.entry(AccessibleRole.BUTTON_MENU, "button"),
      Map.entry(AccessibleRole.CHECK_BOX, "checkbox"),
      Map.entry(AccessibleRole.RADIO_BUTTON, "radio"),
      Map.entry(AccessibleRole.TEXT, "textbox"),
      Map.entry(AccessibleRole.PASSWORD_TEXT, "textbox"),
      Map.entry(AccessibleRole.SPIN_BOX, "spinbutton"),
      Map.entry(AccessibleRole.COMBO_BOX, "combobox"),
      Map.entry(AccessibleRole.LIST, "listbox"),
      Map.entry(AccessibleRole.LIST_ITEM, "option"),
      Map.entry(AccessibleRole.MENU_BAR, "menubar"),
      Map.entry(AccessibleRole.MENU, "menu"),
      Map.entry(AccessibleRole.MENU_ITEM, "menuitem"),
      Map.entry(AccessibleRole.CHECK_MENU_ITEM, "menuitemcheckbox"),
      Map.entry(AccessibleRole.RADIO_MENU_ITEM, "menuitemradio"),
      Map.entry(AccessibleRole.POPUP_MENU, "menu"),
      Map.entry(AccessibleRole.TOOL_BAR, "toolbar"),
      Map.entry(AccessibleRole.DIALOG, "dialog"),
      Map.entry(AccessibleRole.FILE_CHOOSER, "dialog"),
      Map.entry(AccessibleRole.ALERT, "alertdialog"),
      Map.entry(AccessibleRole.PAGE_TAB, "tab"),
      Map.entry(AccessibleRole.PAGE_TAB_LIST, "tablist"),
      Map.entry(AccessibleRole.PANEL, "group"),
      Map.entry(AccessibleRole.TREE, "tree"),
      Map.entry(AccessibleRole.TREE_ITEM, "treeitem"),
      Map.entry(AccessibleRole.TABLE, "table"),
      Map.entry(AccessibleRole.TABLE_CELL, "cell"),
      Map.entry(AccessibleRole.SCROLL_BAR, "scrollbar"),
      Map.entry(AccessibleRole.SLIDER, "slider"),
      Map.entry(AccessibleRole.LABEL, "label"),
      Map.entry(AccessibleRole.PARAGRAPH, "paragraph"),
      Map.entry(AccessibleRole.HEADING, "heading"),
      Map.entry(AccessibleRole.FRAME, "window"),
      Map.entry(AccessibleRole.DOCUMENT, "document"),
      Map.entry(AccessibleRole.DOCUMENT_TEXT, "document"),
      Map.entry(AccessibleRole.DOCUMENT_SPREADSHEET, "document"),
      Map.entry(AccessibleRole.DOCUMENT_PRESENTATION, "document"),
      Map.entry(AccessibleRole.STATUS_BAR, "status"));

  /** Roles whose children are document content: never walked (paragraphs, cells, shapes by thousands). */
  static final Set<Short> CONTENT = Set.of(AccessibleRole.DOCUMENT, AccessibleRole.DOCUMENT_TEXT,
      AccessibleRole.DOCUMENT_SPREADSHEET, AccessibleRole.DOCUMENT_PRESENTATION,
      AccessibleRole.EMBEDDED_OBJECT, AccessibleRole.SHAPE);
  /** Top-level windows reported as dialogs. */
  static final Set<Short> DIALOGS = Set.of(AccessibleRole.DIALOG, AccessibleRole.ALERT, AccessibleRole.FILE_CHOOSER);
  /** Menus, which fill in their entries when they open. */
  static final Set<Short> MENUS = Set.of(AccessibleRole.MENU_BAR, AccessibleRole.MENU, AccessibleRole.POPUP_MENU);
  /** Chosen menu entries. */
  static final Set<Short> MENU_ITEMS = Set.of(AccessibleRole.MENU_ITEM, AccessibleRole.CHECK_MENU_ITEM,
      AccessibleRole.RADIO_MENU_ITEM);
  /** Pressable toolbar items. */
  static final Set<Short> TOOLBAR_ITEMS = Set.of(AccessibleRole.PUSH_BUTTON, AccessibleRole.TOGGLE_BUTTON,
      AccessibleRole.BUTTON_DROPDOWN, AccessibleRole.BUTTON_MENU);
  /** Dialog fields that hold a typed value. */
  static final Set<Short> VALUE_FIELDS = Set.of(AccessibleRole.TEXT, AccessibleRole.PASSWORD_TEXT,
      AccessibleRole.SPIN_BOX, AccessibleRole.COMBO_BOX);
  /** Dialog fields that can be ticked. */
  static final Set<Short> CHECKABLE = Set.of(AccessibleRole.CHECK_BOX, AccessibleRole.RADIO_BUTTON,
      AccessibleRole.TOGGLE_BUTTON);
  /** Dialog fields where an option is chosen. */
  static final Set<Short> CHOICES = Set.of(AccessibleRole.LIST, AccessibleRole.COMBO_BOX, AccessibleRole.TREE);

  private Roles() {}

  /** The ARIA role, or {@code "generic"}. */
  static String aria(short role) {
    return ARIA.getOrDefault(role, "generic");
  }

  /**
   * The role under which a container is named in an element's context, or null when the container is
   * not one a person would name (fillers, unnamed panels, the root pane).
   */
  static String container(short role, String name) {
    if (DIALOGS.contains(role)) {
      return aria(role);
    }
    switch (role) {
      case AccessibleRole.TOOL_BAR:
      case AccessibleRole.MENU:
      case AccessibleRole.POPUP_MENU:
      case AccessibleRole.PAGE_TAB:
        return name.isEmpty() && role != AccessibleRole.TOOL_BAR ? null : aria(role);
      case AccessibleRole.PANEL:
      case AccessibleRole.GROUP_BOX:
        return name.isEmpty() ? null : "group";
      default:
        return null;
    }
  }
}
