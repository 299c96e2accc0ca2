package dev.understudy.plugins.lsp.capture;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * What the capture server says when it may not record: instead of vanishing (which editors report as a
 * crashed server), it shows the reason to the person ({@code window/showMessage}) and answers
 * {@code initialize} with an error whose data is {@code {"retry": false}}, LSP's way of saying "do not
 * start me again". Nothing is recorded.
 */
public final class ConsentRefusal {

  private ConsentRefusal() {}

  /**
   * Waits up to {@code wait} for the editor's {@code initialize}, answers it with {@code message}, and
   * returns; returns at once if the editor closes the connection.
   *
   * @return whether an {@code initialize} was answered
   */
  public static boolean answer(InputStream in, OutputStream out, String message, Duration wait) throws InterruptedException {
    Objects.requireNonNull(message, "message");
    Refusing server = new Refusing(message);
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "understudy-lsp-capture-refusal");
      t.setDaemon(true);
      return t;
    });
    try {
      // The latch opens once the refusal has been written, so the caller may exit right after.
      Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>().setLocalService(server)
          .setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out).setExecutorService(executor)
          .wrapMessages(consumer -> m -> {
            consumer.consume(m);
            if (m instanceof ResponseMessage response && response.getError() != null) {
              server.answered.countDown();
            }
          }).create();
      server.client = launcher.getRemoteProxy();
      Future<Void> listening = launcher.startListening();
      long deadline = System.nanoTime() + wait.toNanos();
      while (!server.answered.await(20, TimeUnit.MILLISECONDS)) {
        if (listening.isDone() || System.nanoTime() > deadline) {
          return false;
        }
      }
      return true;
    } finally {
      executor.shutdownNow();
    }
  }

  /** A language server that refuses to start. */
  private static final class Refusing implements LanguageServer {
    private final String message;
    private final CountDownLatch answered = new CountDownLatch(1);
    volatile LanguageClient client;

    Refusing(String message) {
      this.message = message;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
      client.showMessage(new MessageParams(MessageType.Error, message));
      CompletableFuture<InitializeResult> refused = new CompletableFuture<>();
      refused.completeExceptionally(new ResponseErrorException(
          new ResponseError(ResponseErrorCode.RequestFailed, message, Map.of("retry", false))));
      return refused;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
      answered.countDown();
    }

    @Override
    public TextDocumentService getTextDocumentService() {
      return null;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
      return null;
    }
  }
}
