package dev.understudy.core.policy;

/**
 * A policy file that cannot be used, with the place of the problem: {@code policy.yaml:12: key
 * 'capabilities.clipboard': unknown key; expected one of ...}. Nothing is recorded under a policy
 * that failed to load.
 */
public final class PolicyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  PolicyException(String source, int line, String message) {
    super(source + (line > 0 ? ":" + line : "") + ": " + message);
    this.source = source;
    this.line = line;
  }

  /** The file name (or other name) the policy was read from. */
  public String source() {
    return source;
  }

  /** The 1-based line of the problem; 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
