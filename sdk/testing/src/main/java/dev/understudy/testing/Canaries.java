package dev.understudy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for canary secrets in what Understudy wrote: every byte of every file under a directory, read as
 * Latin-1 and as UTF-8, searched for each canary and for its long tails (a secret typed key by key must
 * not leak in pieces either).
 *
 * <pre>{@code
 * String written = Canaries.allBytes(home);
 * assertThat(written).contains("a value that should be there");   // the search sees the store
 * assertThat(Canaries.find(written, Map.of("hunter2-canary", "typed into a password field"))).isEmpty();
 * }</pre>
 */
public final class Canaries {
  /** The shortest tail of a canary that still counts as found: {@value} characters. */
  public static final int MIN_FRAGMENT = 10;

  private Canaries() {}

  /** Every file under the directory, concatenated in path order, once as Latin-1 and once as UTF-8. */
  public static String allBytes(Path dir) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.write(Files.readAllBytes(f));
        all.write('\n');
      }
    }
    return all.toString(StandardCharsets.ISO_8859_1) + "\n" + all.toString(StandardCharsets.UTF_8);
  }

  /**
   * The canaries found in the text, each as "'fragment' of canary (how it got in)"; empty when none is.
   * Spaces in a canary are ignored when its tails are searched.
   *
   * @param canaries each canary and how it reached the adapter, for the message
   */
  public static List<String> find(String text, Map<String, String> canaries) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> canary : canaries.entrySet()) {
      String secret = canary.getKey();
      if (text.contains(secret)) {
        found.add(secret + " (" + canary.getValue() + ")");
        continue;
      }
      String core = secret.replace(" ", "");
      for (int n = MIN_FRAGMENT; n <= core.length(); n++) {
        String fragment = core.substring(core.length() - n);
        if (text.contains(fragment)) {
          found.add("fragment '" + fragment + "' of " + secret + " (" + canary.getValue() + ")");
          break;
        }
      }
    }
    return found;
  }
}
