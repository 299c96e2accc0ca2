package dev.understudy.plugins.lsp.capture;

import com.google.gson.JsonObject;
import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.lsp4j.ClientInfo;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An LSP4J client connected to a {@link CaptureServer} in this process over a loopback socket, and the
 * actions the server recorded. Closing it closes the connection and waits for the server to end.
 */
final class EditorConnection implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String SYNC = "test.sync";

  final BlockingQueue<Action> actions = new LinkedBlockingQueue<>();
  final List<MessageParams> shown = new CopyOnWriteArrayList<>();
  final CaptureServer server;
  final LanguageServer remote;
  private final Launcher<LanguageServer> launcher;
  private final Socket clientSocket;
  private final CompletableFuture<CaptureServer.Result> result = new CompletableFuture<>();

  EditorConnection(UnaryOperator<CaptureServer.Builder> configure) throws IOException {
    server = configure.apply(CaptureServer.builder(actions::add)).build();
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      clientSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      Socket serverSocket = listener.accept();
      Thread t = new Thread(() -> {
        try (serverSocket) {
          result.complete(server.run(serverSocket.getInputStream(), serverSocket.getOutputStream()));
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      }, "capture-server-under-test");
      t.setDaemon(true);
      t.start();
    }
    launcher = LSPLauncher.createClientLauncher(new Client(), clientSocket.getInputStream(), clientSocket.getOutputStream());
    launcher.startListening();
    remote = launcher.getRemoteProxy();
  }

  /** Initializes as a client named {@code name}; returns the server's answer. */
  InitializeResult initialize(String name) throws Exception {
    InitializeParams params = new InitializeParams();
    params.setClientInfo(new ClientInfo(name, "1.0"));
    InitializeResult r = remote.initialize(params).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    remote.initialized(new InitializedParams());
    return r;
  }

  /** Sends an {@code understudy/*} notification. */
  void notify(String method, JsonObject params) {
    launcher.getRemoteEndpoint().notify(method, params);
  }

  /** Sends shutdown and exit, and returns how the server ended. */
  CaptureServer.Result shutdownAndExit() throws Exception {
    remote.shutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    remote.exit();
    return result();
  }

  CaptureServer.Result result() throws Exception {
    return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The next {@code n} actions, waiting for each. */
  List<Action> take(int n) throws InterruptedException {
    List<Action> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Action a = actions.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (a == null) {
        throw new AssertionError("expected " + n + " actions, got " + out.size() + ": " + out);
      }
      out.add(a);
    }
    return out;
  }

  /**
   * Everything recorded for what was sent so far: executes the command {@value #SYNC} (which completes the
   * edit being coalesced, and is recorded itself after everything sent before it, as the server handles
   * messages in order) and returns the actions before it.
   */
  List<Action> recorded() throws Exception {
    remote.getWorkspaceService().executeCommand(new org.eclipse.lsp4j.ExecuteCommandParams(SYNC, List.of()))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<Action> out = new ArrayList<>();
    while (true) {
      Action a = actions.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (a == null) {
        throw new AssertionError("the sync command was not recorded; before it: " + out);
      }
      if (a.hasInvoke() && a.getInvoke().getCommand().equals(SYNC)) {
        return out;
      }
      out.add(a);
    }
  }

  @Override
  public void close() throws Exception {
    clientSocket.close();
    result.handle((r, e) -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private final class Client implements LanguageClient {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {}

    @Override
    public void showMessage(MessageParams messageParams) {
      shown.add(messageParams);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {}
  }
}
