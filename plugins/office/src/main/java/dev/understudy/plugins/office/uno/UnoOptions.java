package dev.understudy.plugins.office.uno;

import dev.understudy.api.PluginConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The uno backend's settings, read from the office adapter's configuration (keys under
 * {@code adapter.office.uno.}). Immutable. Public only for the bridge's class loader (see
 * {@link UnoBridge}).
 *
 * <ul>
 *   <li>{@code uno.connect}: the UNO connection to attach to (default {@value #DEFAULT_CONNECT}), as in
 *       {@code soffice --accept="socket,host=127.0.0.1,port=2002;urp;"}.
 *   <li>{@code uno.launch}: {@code true} to start soffice instead, on the display of {@code uno.display}
 *       (default: the {@code DISPLAY} environment variable) with a fresh user profile and a free port.
 *       Never headless: a person works in it. Default {@code false}.
 *   <li>{@code uno.soffice}: the soffice command to launch (default {@value #DEFAULT_SOFFICE}).
 *   <li>{@code uno.launch-module}: what a launched soffice opens: {@code writer}, {@code calc},
 *       {@code impress}, {@code draw}, or empty for the Start Center (default).
 *   <li>{@code uno.vcl-plugin}: the VCL plugin a launched soffice uses (default {@value #DEFAULT_VCL_PLUGIN}:
 *       its menus and dialogs are drawn by LibreOffice and so visible to UNO accessibility; with
 *       {@code gtk3} they are native and only the AT-SPI backend sees them). Empty leaves it to LibreOffice.
 *   <li>{@code uno.quit-on-stop}: {@code true} to end a launched soffice when capture stops (default
 *       {@code false}: the person's documents stay open).
 *   <li>{@code uno.classes}: the directory holding LibreOffice's {@code libreoffice.jar} (default: searched
 *       in the usual installation places).
 *   <li>{@code uno.accessibility}: {@code false} to leave out toolbar, menu and dialog capture (default
 *       {@code true}).
 *   <li>{@code uno.typing-idle-ms}: typed text is one text edit until the person pauses this long
 *       (default {@value #DEFAULT_TYPING_IDLE_MS}) or does something else.
 *   <li>{@code uno.start-timeout-ms}: how long to wait for soffice to accept the connection (default
 *       {@value #DEFAULT_START_TIMEOUT_MS}).
 * </ul>
 */
public final class UnoOptions {
  /** The configuration keys, under {@code adapter.office.}. */
  public static final java.util.Set<String> KEYS = java.util.Set.of("uno.connect", "uno.launch", "uno.soffice",
      "uno.launch-module", "uno.display", "uno.vcl-plugin", "uno.quit-on-stop", "uno.classes", "uno.accessibility",
      "uno.typing-idle-ms", "uno.start-timeout-ms");
  /** The conventional UNO socket. */
  public static final String DEFAULT_CONNECT = "socket,host=127.0.0.1,port=2002";
  private static final java.util.Set<String> MODULES = java.util.Set.of("", "writer", "calc", "impress", "draw");
  /** The launched command. */
  public static final String DEFAULT_SOFFICE = "soffice";
  /** The VCL plugin of a launched soffice. */
  public static final String DEFAULT_VCL_PLUGIN = "gen";
  /** Pause that ends a run of typed text, in milliseconds. */
  public static final int DEFAULT_TYPING_IDLE_MS = 1000;
  /** Wait for soffice's socket, in milliseconds. */
  public static final int DEFAULT_START_TIMEOUT_MS = 20_000;

  private final String connect;
  private final boolean launch;
  private final String soffice;
  private final String launchModule;
  private final Optional<String> display;
  private final String vclPlugin;
  private final boolean quitOnStop;
  private final Optional<String> classes;
  private final boolean accessibility;
  private final Duration typingIdle;
  private final Duration startTimeout;

  private UnoOptions(Builder b) {
    this.connect = b.connect;
    this.launch = b.launch;
    this.soffice = b.soffice;
    this.launchModule = b.launchModule;
    this.display = b.display;
    this.vclPlugin = b.vclPlugin;
    this.quitOnStop = b.quitOnStop;
    this.classes = b.classes;
    this.accessibility = b.accessibility;
    this.typingIdle = b.typingIdle;
    this.startTimeout = b.startTimeout;
  }

  /** Reads the settings; a bad value fails naming its key. */
  public static UnoOptions from(PluginConfig config) {
    Objects.requireNonNull(config, "config");
    Builder b = builder();
    config.get("uno.connect").ifPresent(v -> b.connect(check(v, "uno.connect")));
    b.launch(config.getBoolean("uno.launch", false));
    b.soffice(config.get("uno.soffice", DEFAULT_SOFFICE));
    String module = config.get("uno.launch-module", "").trim();
    if (!MODULES.contains(module)) {
      throw new IllegalArgumentException("adapter.office.uno.launch-module: expected one of writer, calc, impress, draw"
          + " or empty, got '" + module + "'");
    }
    b.launchModule(module);
    b.display(config.get("uno.display").or(() -> Optional.ofNullable(System.getenv("DISPLAY"))).filter(s -> !s.isBlank()));
    b.vclPlugin(config.get("uno.vcl-plugin", DEFAULT_VCL_PLUGIN).trim());
    b.quitOnStop(config.getBoolean("uno.quit-on-stop", false));
    b.classes(config.get("uno.classes").filter(s -> !s.isBlank()));
    b.accessibility(config.getBoolean("uno.accessibility", true));
    int idle = config.getInt("uno.typing-idle-ms", DEFAULT_TYPING_IDLE_MS);
    int start = config.getInt("uno.start-timeout-ms", DEFAULT_START_TIMEOUT_MS);
    if (idle < 1) {
      throw new IllegalArgumentException("adapter.office.uno.typing-idle-ms: must be at least 1, got " + idle);
    }
    if (start < 1) {
      throw new IllegalArgumentException("adapter.office.uno.start-timeout-ms: must be at least 1, got " + start);
    }
    return b.typingIdle(Duration.ofMillis(idle)).startTimeout(Duration.ofMillis(start)).build();
  }

  private static String check(String connect, String key) {
    String c = connect.trim();
    // The urp part is ours to add; accept it written out as soffice --accept takes it.
    if (c.endsWith(";")) {
      c = c.substring(0, c.length() - 1);
    }
    if (c.endsWith(";urp")) {
      c = c.substring(0, c.length() - 4);
    }
    if (!c.startsWith("socket,") && !c.startsWith("pipe,")) {
      throw new IllegalArgumentException("adapter.office." + key + ": expected a UNO connection such as '"
          + DEFAULT_CONNECT + "', got '" + connect + "'");
    }
    return c;
  }

  /** A builder with the defaults above (tests, the demo). */
  public static Builder builder() {
    return new Builder();
  }

  /** The UNO connection, without the protocol part: {@code socket,host=127.0.0.1,port=2002}. */
  public String connect() {
    return connect;
  }

  /** The command line that makes soffice accept this connection, for error messages. */
  public String acceptHint() {
    return "soffice --accept=\"" + connect + ";urp;\"";
  }

  public boolean launch() {
    return launch;
  }

  public String soffice() {
    return soffice;
  }

  public String launchModule() {
    return launchModule;
  }

  public Optional<String> display() {
    return display;
  }

  public String vclPlugin() {
    return vclPlugin;
  }

  public boolean quitOnStop() {
    return quitOnStop;
  }

  public Optional<String> classes() {
    return classes;
  }

  public boolean accessibility() {
    return accessibility;
  }

  public Duration typingIdle() {
    return typingIdle;
  }

  public Duration startTimeout() {
    return startTimeout;
  }

  /** A copy attached to another connection (a launched soffice's). */
  public UnoOptions withConnect(String newConnect) {
    return toBuilder().connect(check(newConnect, "uno.connect")).build();
  }

  private Builder toBuilder() {
    return builder().connect(connect).launch(launch).soffice(soffice).launchModule(launchModule).display(display).vclPlugin(vclPlugin)
        .quitOnStop(quitOnStop).classes(classes).accessibility(accessibility).typingIdle(typingIdle)
        .startTimeout(startTimeout);
  }

  @Override
  public String toString() {
    return "UnoOptions{" + (launch ? "launch " + soffice + " on " + display.orElse("(no display)") : "connect " + connect)
        + ", accessibility=" + accessibility + "}";
  }

  /** Builds {@link UnoOptions}. Not thread-safe. */
  public static final class Builder {
    private String connect = DEFAULT_CONNECT;
    private boolean launch;
    private String soffice = DEFAULT_SOFFICE;
    private String launchModule = "";
    private Optional<String> display = Optional.empty();
    private String vclPlugin = DEFAULT_VCL_PLUGIN;
    private boolean quitOnStop;
    private Optional<String> classes = Optional.empty();
    private boolean accessibility = true;
    private Duration typingIdle = Duration.ofMillis(DEFAULT_TYPING_IDLE_MS);
    private Duration startTimeout = Duration.ofMillis(DEFAULT_START_TIMEOUT_MS);

    private Builder() {}

    public Builder connect(String connect) {
      this.connect = check(Objects.requireNonNull(connect, "connect"), "uno.connect");
      return this;
    }

    public Builder launch(boolean launch) {
      this.launch = launch;
      return this;
    }

    public Builder soffice(String soffice) {
      this.soffice = Objects.requireNonNull(soffice, "soffice");
      return this;
    }

    public Builder launchModule(String launchModule) {
      this.launchModule = Objects.requireNonNull(launchModule, "launchModule");
      return this;
    }

    public Builder display(Optional<String> display) {
      this.display = Objects.requireNonNull(display, "display");
      return this;
    }

    public Builder vclPlugin(String vclPlugin) {
      this.vclPlugin = Objects.requireNonNull(vclPlugin, "vclPlugin");
      return this;
    }

    public Builder quitOnStop(boolean quitOnStop) {
      this.quitOnStop = quitOnStop;
      return this;
    }

    public Builder classes(Optional<String> classes) {
      this.classes = Objects.requireNonNull(classes, "classes");
      return this;
    }

    public Builder accessibility(boolean accessibility) {
      this.accessibility = accessibility;
      return this;
    }

    public Builder typingIdle(Duration typingIdle) {
      this.typingIdle = Objects.requireNonNull(typingIdle, "typingIdle");
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    public UnoOptions build() {
      return new UnoOptions(this);
    }
  }
}
