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
  PauseControl NONE = of(() -> { }, () -> { });

  /** A control that runs {@code pause} and {@code resume}: {@code PauseControl.of(recording::pause, recording::resume)}. */
  static PauseControl of(Runnable pause, Runnable resume) {
    java.util.Objects.requireNonNull(pause, "pause");
    java.util.Objects.requireNonNull(resume, "resume");
    return new PauseControl() {
      @Override
      public void pause() {
        pause.run();
      }

      @Override
      public void resume() {
        resume.run();
      }
    };
  }

  /** Capture is to pause. */
  void pause();

  /** Capture is to resume. */
  void resume();
}
