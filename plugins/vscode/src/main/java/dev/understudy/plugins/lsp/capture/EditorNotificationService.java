package dev.understudy.plugins.lsp.capture;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The {@code understudy/*} notifications an editor extension sends the capture server about what only the
 * editor sees (docs/editor-notifications.md is the contract). Every params object has {@code time}, the
 * moment of the event in milliseconds since the Unix epoch; positions are LSP positions (zero-based line,
 * UTF-16 character). Parameters that are missing or of the wrong type are counted and the notification is
 * ignored; unknown {@code understudy/*} methods are counted and ignored.
 *
 * <p>Called by LSP4J on the server's message thread, one notification at a time.
 */
@JsonSegment("understudy")
public interface EditorNotificationService {

  /** {@code {uri, languageId}}: the active editor changed to this document. */
  @JsonNotification
  void activeEditor(JsonObject params);

  /**
   * {@code {uri, selections: [{start: {line, character}, end: {line, character}}], kind}}: the selections of
   * a document, coalesced by the extension; {@code kind} is {@code keyboard}, {@code mouse}, {@code command}
   * or null.
   */
  @JsonNotification
  void selection(JsonObject params);

  /** {@code {terminalName, commandLine, cwd?, exitCode?}}: a shell command ran in a terminal. */
  @JsonNotification
  void terminalCommand(JsonObject params);

  /** {@code {event: "start"|"stop", name, type, request}}: a debug session started or stopped. */
  @JsonNotification
  void debugSession(JsonObject params);

  /** {@code {added: [{uri, line, condition?}], removed: [{uri, line}]}}: breakpoints changed. */
  @JsonNotification
  void breakpoints(JsonObject params);

  /** {@code {event: "start"|"end", name, source, exitCode?}}: a task started or ended. */
  @JsonNotification
  void task(JsonObject params);

  /** {@code {focused}}: the editor window gained or lost focus. */
  @JsonNotification
  void windowFocus(JsonObject params);

  /** {@code {paused}}: the person paused or resumed capture. */
  @JsonNotification
  void pause(JsonObject params);
}
