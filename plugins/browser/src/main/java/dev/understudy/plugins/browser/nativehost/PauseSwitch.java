package dev.understudy.plugins.browser.nativehost;

/**
 * What the extension's pause switch acts on: the recording the host feeds. Called on the host's reader
 * thread; must return promptly and must not throw.
 */
public interface PauseSwitch {
  /** Whether capture is paused now. */
  boolean paused();

  /** Pauses capture; idempotent. */
  void pause();

  /** Resumes capture; idempotent. */
  void resume();

  /** A switch that only remembers its position, for a host with nothing to pause. */
  static PauseSwitch remembering() {
    return new PauseSwitch() {
      private volatile boolean paused;

      @Override
      public boolean paused() {
        return paused;
      }

      @Override
      public void pause() {
        paused = true;
      }

      @Override
      public void resume() {
        paused = false;
      }
    };
  }
}
