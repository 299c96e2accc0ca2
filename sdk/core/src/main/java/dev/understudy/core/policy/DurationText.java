package dev.understudy.core.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in policies and on the command line: {@code 500ms}, {@code 30s},
 * {@code 90m}, {@code 12h}, {@code 30d}, {@code 2w}, or ISO-8601 ({@code PT12H}, {@code P30D}).
 * Stateless.
 */
public final class DurationText {

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d|w)");

  private DurationText() {}

  /**
   * Parses a positive duration.
   *
   * @throws IllegalArgumentException saying what is accepted, when the text is not one
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String v = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(v);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          d = Duration.ofMillis(n);
          break;
        case "s":
          d = Duration.ofSeconds(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        case "d":
          d = Duration.ofDays(n);
          break;
        default:
          d = Duration.ofDays(7 * n);
      }
    } else {
      try {
        d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90m, 12h, 30d or 2w");
      }
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("'" + text + "': the duration must be positive");
    }
    return d;
  }

  /** The shortest of the forms {@link #parse} reads that gives this duration back: 30d, 12h, PT90S. */
  public static String format(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    long minutes = duration.toMinutes();
    if (!Duration.ofMinutes(minutes).equals(duration)) {
      return duration.toString();
    }
    if (minutes % (7 * 24 * 60) == 0) {
      return minutes / (7 * 24 * 60) + "w";
    }
    if (minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }
}
