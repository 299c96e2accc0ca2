package dev.understudy.plugins.lsp.capture;

/**
 * What the capture server does when an editor extension asks to pause or resume capture
 * ({@code understudy/pause}). {@code understudy lsp-capture} pauses the whole recording, which stores a
 * {@code Pause} marker; hosted as a plain adapter the server only stops emitting ({@link #NONE}).
 *
 * <p>Called on the server's message thread; must not block for long and should not throw (an exception is
 * logged and counted, and the server's own pause state still changes).
 */
public interface PauseControl {

  /** Nothing beyond the server's own pause: it emits nothing while paused. */
  PauseControl NONE = new PauseControl() {
    @Override
    public void pause() {}

    @Override
    public void resume() {}
  };

  /** Capture is to pause. */
  void pause();

  /** Capture is to resume. */
  void resume();
}
