package dev.understudy.plugins.lsp.capture;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.understudy.proto.v1.FileOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileCreate;
import org.eclipse.lsp4j.FileDelete;
import org.eclipse.lsp4j.FileOperationFilter;
import org.eclipse.lsp4j.FileOperationOptions;
import org.eclipse.lsp4j.FileOperationPattern;
import org.eclipse.lsp4j.FileOperationsServerCapabilities;
import org.eclipse.lsp4j.FileRename;
import org.eclipse.lsp4j.CreateFilesParams;
import org.eclipse.lsp4j.DeleteFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.RenameFilesParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SetTraceParams;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The capture server as LSP4J sees it: the protocol's lifecycle (initialize, shutdown, exit), document
 * synchronization, file operations, commands and the {@code understudy/*} notifications, each handed to the
 * {@link EditorCapture}. Methods run on LSP4J's message thread.
 */
final class CaptureLanguageServer implements LanguageServer, EditorNotificationService {

  private static final Logger LOG = Logger.getLogger(CaptureLanguageServer.class.getName());
  /** The server's name in {@code initialize}: {@value}. */
  static final String SERVER_NAME = "understudy-lsp-capture";

  private final EditorCapture capture;
  private final List<String> commands;
  private final Documents documents = new Documents();
  private final Workspace workspace = new Workspace();
  private final CountDownLatch exited = new CountDownLatch(1);
  private volatile boolean shutdownRequested;

  CaptureLanguageServer(EditorCapture capture, List<String> commands) {
    this.capture = capture;
    this.commands = List.copyOf(commands);
  }

  /** Counts down when the editor sent {@code exit}. */
  CountDownLatch exited() {
    return exited;
  }

  boolean shutdownRequested() {
    return shutdownRequested;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    if (params != null && params.getClientInfo() != null) {
      capture.editorName(params.getClientInfo().getName());
    }
    ServerCapabilities caps = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    sync.setSave(new SaveOptions(false));
    caps.setTextDocumentSync(sync);
    FileOperationOptions everyFile = new FileOperationOptions(List.of(new FileOperationFilter(new FileOperationPattern("**/*"))));
    FileOperationsServerCapabilities files = new FileOperationsServerCapabilities();
    files.setDidCreate(everyFile);
    files.setDidRename(everyFile);
    files.setDidDelete(everyFile);
    WorkspaceServerCapabilities ws = new WorkspaceServerCapabilities();
    ws.setFileOperations(files);
    caps.setWorkspace(ws);
    caps.setExecuteCommandProvider(new ExecuteCommandOptions(commands));
    String version = CaptureLanguageServer.class.getPackage().getImplementationVersion();
    return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo(SERVER_NAME, version == null ? "dev" : version)));
  }

  @Override
  public void initialized(InitializedParams params) {
    // Nothing to register dynamically: every capability is static.
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdownRequested = true;
    capture.flush();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    capture.flush();
    exited.countDown();
  }

  @Override
  public void setTrace(SetTraceParams params) {
    // Tracing is not ours to do: logs go to stderr.
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  /** Document synchronization. */
  private final class Documents implements TextDocumentService {
    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
      var doc = params.getTextDocument();
      if (doc == null || doc.getUri() == null || doc.getText() == null) {
        capture.malformed();
        return;
      }
      capture.open(doc.getUri(), doc.getLanguageId() == null ? "" : doc.getLanguageId(), doc.getVersion(), doc.getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
      var doc = params.getTextDocument();
      if (doc == null || doc.getUri() == null || params.getContentChanges() == null) {
        capture.malformed();
        return;
      }
      capture.change(doc.getUri(), doc.getVersion() == null ? 0 : doc.getVersion(), params.getContentChanges());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
      if (params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
        capture.malformed();
        return;
      }
      capture.save(params.getTextDocument().getUri());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
      if (params.getTextDocument() == null || params.getTextDocument().getUri() == null) {
        capture.malformed();
        return;
      }
      capture.close(params.getTextDocument().getUri());
    }
  }

  /** File operations and commands. */
  private final class Workspace implements WorkspaceService {
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
      // The capture server has no settings an editor can change.
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
      // Not registered for: file operations come through did*Files.
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
      // Not recorded.
    }

    @Override
    public void didCreateFiles(CreateFilesParams params) {
      capture.files(FileOperation.FILE_OPERATION_CREATE, uris(params.getFiles(), FileCreate::getUri));
    }

    @Override
    public void didDeleteFiles(DeleteFilesParams params) {
      capture.files(FileOperation.FILE_OPERATION_DELETE, uris(params.getFiles(), FileDelete::getUri));
    }

    @Override
    public void didRenameFiles(RenameFilesParams params) {
      if (params.getFiles() == null) {
        capture.malformed();
        return;
      }
      for (FileRename f : params.getFiles()) {
        if (f == null || f.getOldUri() == null || f.getNewUri() == null) {
          capture.malformed();
        } else {
          capture.renamed(f.getOldUri(), f.getNewUri());
        }
      }
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
      if (params.getCommand() == null) {
        capture.malformed();
      } else {
        List<String> args = new ArrayList<>();
        if (params.getArguments() != null) {
          for (Object a : params.getArguments()) {
            args.add(a instanceof JsonElement j && j.isJsonPrimitive() ? j.getAsString() : String.valueOf(a));
          }
        }
        capture.executeCommand(params.getCommand(), args);
      }
      return CompletableFuture.completedFuture(null);
    }

    private <T> List<String> uris(List<T> files, java.util.function.Function<T, String> uri) {
      List<String> out = new ArrayList<>();
      if (files == null) {
        capture.malformed();
        return out;
      }
      for (T f : files) {
        if (f == null || uri.apply(f) == null) {
          capture.malformed();
        } else {
          out.add(uri.apply(f));
        }
      }
      return out;
    }
  }

  // --- understudy/* ---

  @Override
  public void activeEditor(JsonObject params) {
    read(params, p -> capture.activeEditor(Params.text(p, "uri"), Params.optionalText(p, "languageId"), Params.time(p)));
  }

  @Override
  public void selection(JsonObject params) {
    read(params, p -> {
      List<int[]> ranges = new ArrayList<>();
      for (JsonObject s : Params.objects(p, "selections")) {
        JsonObject start = Params.child(s, "start");
        JsonObject end = Params.child(s, "end");
        ranges.add(new int[] {Params.natural(start, "line"), Params.natural(start, "character"),
            Params.natural(end, "line"), Params.natural(end, "character")});
      }
      String kind = Params.optionalText(p, "kind");
      capture.selection(Params.text(p, "uri"), ranges, kind, Params.time(p));
    });
  }

  @Override
  public void terminalCommand(JsonObject params) {
    read(params, p -> capture.terminalCommand(Params.optionalText(p, "terminalName"), Params.text(p, "commandLine"),
        Params.optionalText(p, "cwd"), Params.optionalText(p, "exitCode"), Params.time(p)));
  }

  @Override
  public void debugSession(JsonObject params) {
    read(params, p -> capture.debugSession(Params.oneOf(p, "event", "start", "stop"), Params.optionalText(p, "name"),
        Params.optionalText(p, "type"), Params.optionalText(p, "request"), Params.time(p)));
  }

  @Override
  public void breakpoints(JsonObject params) {
    read(params, p -> {
      List<Object[]> added = new ArrayList<>();
      for (JsonObject b : Params.objects(p, "added")) {
        String condition = Params.optionalText(b, "condition");
        added.add(new Object[] {Params.text(b, "uri"), Params.natural(b, "line"), condition});
      }
      List<Object[]> removed = new ArrayList<>();
      for (JsonObject b : Params.objects(p, "removed")) {
        removed.add(new Object[] {Params.text(b, "uri"), Params.natural(b, "line"), ""});
      }
      capture.breakpoints(added, removed, Params.time(p));
    });
  }

  @Override
  public void task(JsonObject params) {
    read(params, p -> capture.task(Params.oneOf(p, "event", "start", "end"), Params.optionalText(p, "name"),
        Params.optionalText(p, "source"), Params.optionalText(p, "exitCode"), Params.time(p)));
  }

  @Override
  public void windowFocus(JsonObject params) {
    read(params, p -> capture.windowFocus(Params.bool(p, "focused"), Params.time(p)));
  }

  @Override
  public void pause(JsonObject params) {
    read(params, p -> capture.pause(Params.bool(p, "paused")));
  }

  /** Runs one notification; parameters of the wrong shape are counted, the notification is ignored. */
  private void read(JsonObject params, Consumer<JsonObject> handler) {
    try {
      handler.accept(Params.object(params));
    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      capture.malformed();
      LOG.log(Level.FINE, "malformed understudy notification ignored: " + e.getMessage());
    }
  }
}
