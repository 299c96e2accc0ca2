package dev.understudy.plugins.lsp;

/**
 * A {@link FrameTap} that reads a frame where it lies, with the {@link JsonRpcHead} the proxy has
 * already read from it: the proxy's own taps take this, so a frame is neither copied for them nor
 * scanned twice. Called as a {@link FrameTap} is, on the tap thread.
 */
@FunctionalInterface
interface ScannedFrameTap extends FrameTap {
  /**
   * One frame's body, {@code frame[offset, offset + length)}; the array is shared with the forwarding
   * thread: read it during the call, never change or keep it.
   *
   * @param head the body's head, or {@code null} when it is not one plain JSON-RPC object
   */
  void onFrame(Direction direction, byte[] frame, int offset, int length, JsonRpcHead head);

  @Override
  default void onFrame(Direction direction, byte[] body) {
    onFrame(direction, body, 0, body.length, JsonRpcHead.scan(body, 0, body.length));
  }
}
