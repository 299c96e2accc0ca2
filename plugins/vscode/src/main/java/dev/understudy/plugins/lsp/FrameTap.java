package dev.understudy.plugins.lsp;

/**
 * Receives a copy of each frame body, off the forwarding path.
 *
 * <p>Called on one tap thread (a {@link TransparentPipe}'s own, or the one an {@link LspProxy} shares
 * between its two pipes), never on a forwarding thread, in the order frames were read. It may block, but
 * while it does frames queue up and, once the queue is full, are dropped (and counted) for the tap only;
 * forwarding goes on. An exception is counted and logged, and the next frame is offered as usual
 * (fail-open).
 */
@FunctionalInterface
public interface FrameTap {
  /** A tap that ignores every frame. */
  FrameTap NONE = (direction, body) -> {};

  /**
   * One frame's body: exactly {@code Content-Length} bytes, a private copy the tap may keep.
   *
   * @param direction which way the frame travelled
   * @param body the frame body, normally UTF-8 JSON (not checked here)
   */
  void onFrame(Direction direction, byte[] body);
}
