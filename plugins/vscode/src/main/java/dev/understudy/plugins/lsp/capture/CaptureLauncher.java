package dev.understudy.plugins.lsp.capture;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.json.MessageConstants;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * LSP4J's launcher with what the capture server adds: every incoming message is counted; bytes that are
 * not a message (bad headers, invalid JSON) are counted and answered with a JSON-RPC parse error (id
 * {@code null}); messages LSP4J finds malformed are counted (LSP4J answers requests among them with the
 * proper error); {@code understudy/*} notifications the server does not know are counted and dropped
 * quietly, and unknown requests counted (LSP4J answers them "method not found"). None of these ends the
 * session.
 */
final class CaptureLauncher extends Launcher.Builder<LanguageClient> {

  private static final Logger LOG = Logger.getLogger(CaptureLauncher.class.getName());
  private static final String OWN_PREFIX = "understudy/";

  /** The counters one connection keeps. */
  static final class Counters {
    final AtomicLong messages = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong unknownMethods = new AtomicLong();
  }

  private final Counters counters;
  private MessageJsonHandler jsonHandler;
  private RemoteEndpoint endpoint;
  private MessageConsumer outgoing;
  private Set<String> supported;

  CaptureLauncher(Object server, Counters counters) {
    this.counters = counters;
    setLocalServices(List.of(server));
    setRemoteInterface(LanguageClient.class);
  }

  @Override
  protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
    jsonHandler = handler;
    supported = ServiceEndpoints.getSupportedMethods(localServices.iterator().next().getClass()).keySet();
    outgoing = new StreamMessageConsumer(output, handler);
    endpoint = new CountingEndpoint(outgoing, ServiceEndpoints.toEndpoint(localServices));
    handler.setMethodProvider(endpoint);
    endpoint.setJsonHandler(handler);
    return endpoint;
  }

  @Override
  protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader, MessageConsumer consumer,
      LanguageClient remoteProxy) {
    // Our own reader, so that bytes that are not a message get an answer and a count.
    MessageConsumer counting = message -> {
      counters.messages.incrementAndGet();
      endpoint.consume(message);
    };
    return new ConcurrentMessageProcessor(new AnsweringProducer(), counting);
  }

  /** Reads frames; what cannot be read as a message is counted and answered with a parse error. */
  private final class AnsweringProducer extends StreamMessageProducer {
    AnsweringProducer() {
      super(input, jsonHandler, endpoint);
    }

    @Override
    protected void fireStreamClosed(Exception cause) {
      LOG.log(Level.FINE, "the editor closed the connection", cause);
    }

    @Override
    protected void fireError(Throwable error) {
      counters.malformed.incrementAndGet();
      LOG.log(Level.FINE, "unreadable LSP message answered with a parse error", error);
      ResponseMessage response = new ResponseMessage();
      response.setJsonrpc(MessageConstants.JSONRPC_VERSION);
      response.setRawId(null);
      response.setError(new ResponseError(ResponseErrorCode.ParseError,
          "Parse error: " + (error.getMessage() == null ? error.getClass().getSimpleName() : firstLine(error.getMessage())), null));
      try {
        outgoing.consume(response);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "could not answer an unreadable message", e);
      }
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /**
   * The error for a request that failed: LSP requests the server does not serve (LSP4J's interfaces
   * declare them with default bodies that throw) are "method not found", counted like unknown methods.
   */
  private ResponseError responseError(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof java.util.concurrent.CompletionException
        || cause instanceof java.lang.reflect.InvocationTargetException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof UnsupportedOperationException) {
      counters.unknownMethods.incrementAndGet();
      return new ResponseError(ResponseErrorCode.MethodNotFound, "not served by the capture server", null);
    }
    return RemoteEndpoint.DEFAULT_EXCEPTION_HANDLER.apply(t);
  }

  /** LSP4J's endpoint, counting what it cannot handle. */
  private final class CountingEndpoint extends RemoteEndpoint {
    CountingEndpoint(MessageConsumer out, org.eclipse.lsp4j.jsonrpc.Endpoint local) {
      super(out, local, CaptureLauncher.this::responseError);
    }

    @Override
    protected void handleNotification(NotificationMessage message) {
      String method = message.getMethod();
      if (method != null && method.startsWith(OWN_PREFIX) && !supported.contains(method)) {
        counters.unknownMethods.incrementAndGet();
        LOG.fine(() -> "unknown notification " + method + " ignored");
        return;
      }
      super.handleNotification(message);
    }

    @Override
    protected void handleRequest(RequestMessage message) {
      if (!supported.contains(message.getMethod())) {
        counters.unknownMethods.incrementAndGet();
      }
      super.handleRequest(message);
    }

    @Override
    public void handle(Message message, List<MessageIssue> issues) {
      counters.malformed.incrementAndGet();
      super.handle(message, issues);
    }
  }
}
