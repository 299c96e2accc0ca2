package dev.understudy.samples.hello;

import dev.understudy.api.Adapter;
import dev.understudy.api.AdapterProvider;
import dev.understudy.api.PluginConfig;
import dev.understudy.proto.v1.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The hello adapter's factory. {@code @Extension} is all the registration there is: PF4J's annotation
 * processor lists this class in {@code META-INF/extensions.idx}, where the Understudy host finds it.
 *
 * <p>Configuration (keys under {@code adapter.hello.}):
 * <ul>
 *   <li>{@value #SCRIPT}: path of a script file; default the demo script inside the plugin jar.
 *   <li>{@value #DELAY_MS}: milliseconds to pause between steps; default {@value #DEFAULT_DELAY_MS}.
 * </ul>
 */
@Extension
public final class HelloAdapterProvider implements AdapterProvider {

  /** The adapter's name, as records and configuration know it. */
  public static final String NAME = "hello";

  /** Configuration key: the script file. */
  public static final String SCRIPT = "script";

  /** Configuration key: the pause between steps, in milliseconds. */
  public static final String DELAY_MS = "delay-ms";

  /** No pause between steps. */
  public static final int DEFAULT_DELAY_MS = 0;

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Interactions (window switches, focus, invocations, shortcuts), typed text, pasted text (the
   * paste step; the default policy still keeps clipboard content out), file names (the save step)
   * and window titles and URLs. The runtime refuses any kind of data not declared here.
   */
  @Override
  public Set<Capability> capabilities() {
    return Set.of(
        Capability.CAPABILITY_INTERACTIONS,
        Capability.CAPABILITY_TEXT_CONTENT,
        Capability.CAPABILITY_CLIPBOARD_CONTENT,
        Capability.CAPABILITY_FILE_NAMES,
        Capability.CAPABILITY_TITLES);
  }

  @Override
  public Set<String> configKeys() {
    return Set.of(SCRIPT, DELAY_MS);
  }

  /** Checks the configuration and returns promptly; the script is read when the adapter starts. */
  @Override
  public Adapter create(PluginConfig config) {
    int delayMs = config.getInt(DELAY_MS, DEFAULT_DELAY_MS);
    if (delayMs < 0) {
      throw new IllegalArgumentException(DELAY_MS + ": must not be negative, got " + delayMs);
    }
    Path script = config.get(SCRIPT).map(Path::of).orElse(null);
    if (script != null && !Files.isRegularFile(script)) {
      throw new IllegalArgumentException(SCRIPT + ": no script file at " + script);
    }
    return new HelloAdapter(script, delayMs);
  }
}
