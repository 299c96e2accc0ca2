package dev.understudy.plugins.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bundled page recorder for the DevTools transport ({@value #RESOURCE}, built from
 * {@code plugins/browser/recorder} by Maven), with the options the policy allows put in place.
 */
final class RecorderScript {
  /** The class-path resource, next to this class. */
  static final String RESOURCE = "recorder-cdp.js";
  /** The placeholder the bundle reads its options from. */
  static final String OPTIONS_PLACEHOLDER = "__UNDERSTUDY_OPTIONS__";

  private RecorderScript() {}

  /** What the recorder may send. */
  record Options(boolean textContent, boolean clipboardContent, boolean fileNames, List<String> maskValuesHosts) {
    Options {
      maskValuesHosts = List.copyOf(maskValuesHosts);
    }
  }

  /** The script source with these options. */
  static String source(Options options) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode o = json.createObjectNode()
        .put("textContent", options.textContent())
        .put("clipboardContent", options.clipboardContent())
        .put("fileNames", options.fileNames());
    ArrayNode hosts = o.putArray("maskValuesHosts");
    options.maskValuesHosts().forEach(hosts::add);
    // Wrapped in parentheses: the placeholder stands where an expression goes.
    return bundle().replace(OPTIONS_PLACEHOLDER, "(" + o + ")");
  }

  /** The bundle as built. */
  static String bundle() {
    try (InputStream in = RecorderScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: build plugins/browser with Maven"
            + " (it runs npm ci and npm run build in plugins/browser/recorder)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
