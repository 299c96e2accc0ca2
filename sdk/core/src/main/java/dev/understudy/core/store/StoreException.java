package dev.understudy.core.store;

import java.io.IOException;

/** A session store operation failed; the message is one line naming what was wrong. */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
