package dev.understudy.plugins.office.uno;

import dev.understudy.plugins.office.BackendException;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Argument;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.FileEvent;
import dev.understudy.proto.v1.FileOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Replays recorded LibreOffice actions: the UNO commands of a session, dispatched in order into a fresh
 * document, reproduce its text.
 *
 * <pre>{@code
 * List<ReplayStep> steps = UnoReplay.steps(actions, "libreoffice-writer");
 * try (UnoReplay replay = UnoReplay.connect("socket,host=127.0.0.1,port=2002", Optional.empty())) {
 *   String text = replay.intoNewDocument(UnoReplay.WRITER, steps);
 * }
 * }</pre>
 *
 * <p>What is replayed: typed text ({@code .uno:InsertText} with the text of each text edit), commands with
 * their recorded arguments ({@code .uno:Bold}, {@code .uno:InsertPara}), Calc entries
 * ({@code .uno:GoToCell} then {@code .uno:EnterString}). What is not: commands that touch files or windows
 * ({@value #NOT_REPLAYED_DESCRIPTION}), commands recorded as comments (they opened a dialog, whose outcome a
 * replay cannot know), and actions from accessibility. Replayed commands are dispatched through the API,
 * which LibreOffice never records, so a replay under capture does not record itself.
 *
 * <p>Not thread-safe; one replay at a time per instance.
 */
public final class UnoReplay implements AutoCloseable {
  /** A new Writer document. */
  public static final String WRITER = "private:factory/swriter";
  /** A new Calc document. */
  public static final String CALC = "private:factory/scalc";
  /** The new document each application's actions replay into. */
  private static final Map<String, String> FACTORIES = Map.of("libreoffice-writer", WRITER, "libreoffice-calc", CALC);
  static final String NOT_REPLAYED_DESCRIPTION = "save, open, close, print, export, the macro recorder";
  private static final Set<String> NOT_REPLAYED = Set.of(".uno:Save", ".uno:SaveAs", ".uno:SaveAll",
      ".uno:SaveACopy", ".uno:ExportTo", ".uno:ExportDirectToPDF", ".uno:ExportToPDF", ".uno:Open", ".uno:OpenFromWriter",
      ".uno:CloseDoc", ".uno:CloseWin", ".uno:Quit", ".uno:Print", ".uno:PrintDefault", ".uno:MacroRecorder",
      ".uno:StopRecording", ".uno:AddDirect", ".uno:NewDoc", ".uno:RecentFileList");

  private final UnoReplayer replayer;

  private UnoReplay(UnoReplayer replayer) {
    this.replayer = replayer;
  }

  /**
   * Connects to a soffice that accepts UNO on {@code connect}.
   *
   * @param classes the directory holding LibreOffice's {@code libreoffice.jar}; empty to search the usual places
   * @throws BackendException when LibreOffice's Java classes are missing or nobody answers on {@code connect}
   */
  public static UnoReplay connect(String connect, Optional<String> classes) throws BackendException {
    Objects.requireNonNull(connect, "connect");
    String c = UnoOptions.builder().connect(connect).build().connect();
    BridgeLoader loader = LibreOfficeClasses.loader(LibreOfficeClasses.find(classes));
    UnoReplayer replayer;
    try {
      replayer = loader.create("ReplayConnection", UnoReplayer.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new BackendException("LibreOffice's Java UNO classes could not be used: " + e + "; "
          + LibreOfficeClasses.INSTALL_HINT, e);
    }
    replayer.connect(c, Duration.ofMillis(UnoOptions.DEFAULT_START_TIMEOUT_MS));
    return new UnoReplay(replayer);
  }

  /**
   * The steps that replay the actions of one application ({@code libreoffice-writer}), in order; actions
   * of other applications and actions that cannot be replayed are left out.
   */
  public static List<ReplayStep> steps(List<Action> actions, String appId) {
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(appId, "appId");
    List<ReplayStep> steps = new ArrayList<>();
    for (Action a : actions) {
      if (a.getSource().getAppId().equals(appId)) {
        step(a, steps);
      }
    }
    return steps;
  }

  /**
   * The session's Writer and Calc documents (one per frame), in the order they first appear, each with
   * its steps and the file it was last saved to. Documents of other applications are left out.
   */
  public static List<ReplayDocument> documents(List<Action> actions) {
    Objects.requireNonNull(actions, "actions");
    Map<String, List<Action>> byDocument = new LinkedHashMap<>();
    for (Action a : actions) {
      String factory = FACTORIES.get(a.getSource().getAppId());
      if (factory != null) {
        byDocument.computeIfAbsent(a.getSource().getAppId() + "\n" + attribute(a, UnoTranslator.ATTR_FRAME),
            k -> new ArrayList<>()).add(a);
      }
    }
    List<ReplayDocument> documents = new ArrayList<>();
    for (Map.Entry<String, List<Action>> e : byDocument.entrySet()) {
      String[] key = e.getKey().split("\n", 2);
      List<ReplayStep> steps = new ArrayList<>();
      String saved = "";
      String opened = "";
      for (Action a : e.getValue()) {
        step(a, steps);
        if (a.hasFileEvent()) {
          FileEvent f = a.getFileEvent();
          if (f.getOperation() == FileOperation.FILE_OPERATION_SAVE_AS && !f.getNewPath().isEmpty()) {
            saved = f.getNewPath();
          } else if (f.getOperation() == FileOperation.FILE_OPERATION_SAVE && !f.getPath().isEmpty()) {
            saved = f.getPath();
          } else if (f.getOperation() == FileOperation.FILE_OPERATION_OPEN && opened.isEmpty() && saved.isEmpty()) {
            opened = f.getPath().isEmpty() ? "?" : f.getPath();
          }
        }
      }
      documents.add(new ReplayDocument(key[0], key[1], FACTORIES.get(key[0]), steps, saved, opened));
    }
    return documents;
  }

  private static void step(Action a, List<ReplayStep> steps) {
    String command = attribute(a, UnoTranslator.ATTR_COMMAND);
    if (a.hasTextEdit() && command.equals(UnoTranslator.INSERT_TEXT) && !a.getTextEdit().getText().isEmpty()) {
      steps.add(new ReplayStep(UnoTranslator.INSERT_TEXT,
          List.of(new UnoArgument("Text", a.getTextEdit().getText(), "string"))));
    } else if (a.hasInvoke() && a.getInvoke().getCommand().startsWith(".uno:")
        && !NOT_REPLAYED.contains(a.getInvoke().getCommand())
        && !attribute(a, UnoTranslator.ATTR_RECORDED).equals("comment")) {
      String[] types = attribute(a, UnoTranslator.ATTR_ARG_TYPES).split(",", -1);
      List<UnoArgument> args = new ArrayList<>();
      List<Argument> recorded = a.getInvoke().getArgumentsList();
      for (int i = 0; i < recorded.size(); i++) {
        String type = i < types.length && !types[i].isEmpty() ? types[i] : "string";
        args.add(new UnoArgument(recorded.get(i).getName(), recorded.get(i).getValue(), type));
      }
      steps.add(new ReplayStep(a.getInvoke().getCommand(), args));
    } else if (a.hasSelection() && command.equals(UnoTranslator.GO_TO_CELL)) {
      steps.add(goToCell(a.getTarget().getName()));
    } else if (a.hasValueChange() && command.equals(UnoTranslator.ENTER_STRING) && !a.getValueChange().getValueOmitted()) {
      if (!a.getTarget().getName().isEmpty()) {
        steps.add(goToCell(a.getTarget().getName()));
      }
      steps.add(new ReplayStep(UnoTranslator.ENTER_STRING,
          List.of(new UnoArgument("StringName", a.getValueChange().getValue(), "string"))));
    }
  }

  private static ReplayStep goToCell(String cell) {
    // "Sheet1.B5" -> "$Sheet1.$B$5" is what Calc records; a plain "B5" works on the active sheet.
    int dot = cell.lastIndexOf('.');
    String point = dot < 0 ? cell : "$" + cell.substring(0, dot) + "." + cell.substring(dot + 1);
    return new ReplayStep(UnoTranslator.GO_TO_CELL, List.of(new UnoArgument("ToPoint", point, "string")));
  }

  private static String attribute(Action a, String key) {
    for (Attribute at : a.getAttributesList()) {
      if (at.getKey().equals(key)) {
        return at.getValue();
      }
    }
    return "";
  }

  /**
   * Opens a new document ({@link #WRITER}, {@link #CALC}), dispatches the steps into it, and returns its
   * text afterwards (Writer: the whole text, paragraphs separated by line breaks; Calc: every used cell's
   * content or formula, tab-separated rows).
   */
  public String intoNewDocument(String factory, List<ReplayStep> steps) throws BackendException {
    return intoNewDocument(factory, steps, (index, step, error) -> { });
  }

  /**
   * As {@link #intoNewDocument(String, List)}, telling {@code listener} after each step whether
   * LibreOffice took it. A step LibreOffice refuses does not end the replay.
   */
  public String intoNewDocument(String factory, List<ReplayStep> steps, StepListener listener) throws BackendException {
    return replayer.replay(Objects.requireNonNull(factory, "factory"), List.copyOf(steps),
        Objects.requireNonNull(listener, "listener"));
  }

  /** Hears how each step of a replay went; called on the replaying thread, in order. */
  @FunctionalInterface
  public interface StepListener {
    /**
     * @param index the step's index in the list replayed
     * @param error empty when LibreOffice took the step, else what went wrong
     */
    void replayed(int index, ReplayStep step, Optional<String> error);
  }

  /** The text of a stored document ({@code file:///...}), read the same way, for comparison. */
  public String documentText(String url) throws BackendException {
    return replayer.documentText(Objects.requireNonNull(url, "url"));
  }

  /** Closes the documents the replay opened and the connection. */
  @Override
  public void close() {
    replayer.close();
  }
}
