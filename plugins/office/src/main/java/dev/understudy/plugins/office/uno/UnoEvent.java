package dev.understudy.plugins.office.uno;

import java.util.List;
import java.util.Objects;

/**
 * What the bridge saw in LibreOffice, as plain values: the bridge reads LibreOffice, {@link UnoTranslator}
 * turns these into semantic actions. Immutable. Public only for the bridge's class loader (see
 * {@link UnoBridge}).
 */
public sealed interface UnoEvent {
  /** When it happened, in nanoseconds since the Unix epoch (the capture clock at the callback). */
  long unixNanos();

  /**
   * The dispatch recorder recorded a command.
   *
   * @param comment true when LibreOffice recorded it as a comment: the command was not done by itself
   *     (it opened a dialog, or was cancelled)
   * @param sheet the active sheet's name for Calc commands that need it (GoToCell, EnterString), else empty
   */
  record Dispatch(FrameContext frame, String command, List<UnoArgument> arguments, boolean comment, String sheet,
      long unixNanos) implements UnoEvent {
    public Dispatch {
      Objects.requireNonNull(frame, "frame");
      Objects.requireNonNull(command, "command");
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(sheet, "sheet");
    }

    /** The value of the first argument with this name, or empty. */
    public String argument(String name) {
      for (UnoArgument a : arguments) {
        if (a.name().equals(name)) {
          return a.value();
        }
      }
      return "";
    }
  }

  /**
   * A document event from the global event broadcaster ({@code OnSaveAsDone}, {@code OnLoad}, ...).
   *
   * @param previousUrl the document's URL before the event (differs from the frame's after a save-as)
   * @param filter the document's filter after a save ({@code writer8}, {@code calc8}), else empty
   */
  record Document(FrameContext frame, String name, String previousUrl, String filter, long unixNanos)
      implements UnoEvent {
    public Document {
      Objects.requireNonNull(frame, "frame");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(previousUrl, "previousUrl");
      Objects.requireNonNull(filter, "filter");
    }
  }

  /** The document's undo manager took a new top-level action, with this (resolved) title. */
  record Undo(FrameContext frame, String title, long unixNanos) implements UnoEvent {
    public Undo {
      Objects.requireNonNull(frame, "frame");
      Objects.requireNonNull(title, "title");
    }
  }

  /** Cells of a spreadsheet changed: {@code range} is {@code B5} or {@code A1:B2} on {@code sheet}. */
  record Cells(FrameContext frame, String sheet, String range, long unixNanos) implements UnoEvent {
    public Cells {
      Objects.requireNonNull(frame, "frame");
      Objects.requireNonNull(sheet, "sheet");
      Objects.requireNonNull(range, "range");
    }
  }

  /** What an accessibility event said about an element of the user interface. */
  enum Change {
    /** A toolbar item was pressed (it took the focus under the pointer or the keyboard). */
    TOOLBAR_ITEM,
    /** A menu item was highlighted: it is what Enter or a click would choose. */
    MENU_ITEM,
    /** A field of a dialog took the focus. */
    FOCUSED,
    /** A dialog field's text or value changed; {@code value} has the new one (empty for secure fields). */
    VALUE,
    /** A dialog check box or radio button was ticked. */
    CHECKED,
    /** A dialog check box was cleared. */
    UNCHECKED,
    /** An option was chosen in a dialog list or combo box; {@code value} is the option's name. */
    OPTION,
    /**
     * A dialog's button closed it (OK, Cancel, Insert, Save); {@code value} is how it was pressed:
     * {@code keyboard} or {@code click}.
     */
    CLOSED_DIALOG
  }

  /**
   * An accessibility event on an element of LibreOffice's user interface.
   *
   * @param frame the document frame the element belongs to (a dialog's owner), or null when not known
   */
  record Accessible(FrameContext frame, Change change, UnoElement element, String value, long unixNanos)
      implements UnoEvent {
    public Accessible {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(element, "element");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A dialog opened or closed.
   *
   * @param frame the document frame it belongs to, or null when not known
   */
  record Dialog(FrameContext frame, String title, boolean opened, long unixNanos) implements UnoEvent {
    public Dialog {
      Objects.requireNonNull(title, "title");
    }
  }

  /** The connection to LibreOffice is gone (soffice exited or the socket closed). */
  record Lost(String reason, long unixNanos) implements UnoEvent {
    public Lost {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Events were dropped before they could be described (the capture queue was full). */
  record Dropped(long count, String reason, long unixNanos) implements UnoEvent {
    public Dropped {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
