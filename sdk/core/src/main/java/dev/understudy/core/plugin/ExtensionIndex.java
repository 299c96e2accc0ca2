package dev.understudy.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code META-INF/extensions.idx}, the list of extension classes PF4J's annotation processor
 * writes for every {@code @Extension}: one class name a line, {@code #} starts a comment.
 */
final class ExtensionIndex {

  /** Where the index lives in a plugin. */
  static final String RESOURCE = "META-INF/extensions.idx";

  private ExtensionIndex() {}

  /** The class names in the index, in file order, without duplicates. */
  static List<String> read(URL index) throws IOException {
    List<String> names = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int comment = line.indexOf('#');
        String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!name.isEmpty() && !names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
