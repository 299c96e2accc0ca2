package dev.understudy.core.plugin;

/**
 * The host will not load an archive at all: its signature is missing, wrong or untrusted, or it is
 * unsafe to unpack. The message is the reason, for a {@link PluginProblem}.
 */
final class RefusedArchiveException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RefusedArchiveException(String reason) {
    super(reason, null, false, false);
  }
}
