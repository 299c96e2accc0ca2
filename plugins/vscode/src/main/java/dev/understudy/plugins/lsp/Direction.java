package dev.understudy.plugins.lsp;

/** Which way a frame travels through the proxy. */
public enum Direction {
  /** From the editor (the LSP client) to the language server. */
  EDITOR_TO_SERVER,
  /** From the language server to the editor. */
  SERVER_TO_EDITOR;

  /** The other way: where the request a response answers travelled. */
  public Direction opposite() {
    return this == EDITOR_TO_SERVER ? SERVER_TO_EDITOR : EDITOR_TO_SERVER;
  }
}
