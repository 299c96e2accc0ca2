package dev.understudy.core.policy;

import dev.understudy.api.Policy;
import dev.understudy.proto.v1.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The privacy policy in force: which apps, window titles, URLs and file paths may be recorded
 * (allow- and deny-lists, deny wins), which kinds of data may be kept, and how long sessions are
 * retained. Read from a YAML file ({@link #parse}, {@link #load}; format in docs/policy.md) or the
 * built-in {@link #defaults()}. Pause state is not part of a policy. Immutable and thread-safe.
 *
 * <p>The runtime enforces it with {@link PolicyGate}, installed automatically when a
 * {@code PrivacyPolicy} is given to {@code Recording.Builder#policy}.
 */
public final class PrivacyPolicy implements Policy {

  /** Version of the policy file format this runtime reads: {@value}. */
  public static final int FORMAT_VERSION = 1;

  private static final PrivacyPolicy DEFAULTS = builder().build();

  private final Rules apps;
  private final Rules titles;
  private final Rules urls;
  private final Rules paths;
  private final Map<Capability, Boolean> capabilities;
  private final Duration retention;
  private final String canonical;
  private final String hash;

  private PrivacyPolicy(Builder b) {
    this.apps = b.rules(PatternKind.APP, BuiltInRules.DENY_APPS);
    this.titles = b.rules(PatternKind.TITLE, BuiltInRules.DENY_TITLES);
    this.urls = b.rules(PatternKind.URL, BuiltInRules.DENY_URLS);
    this.paths = b.rules(PatternKind.PATH, BuiltInRules.DENY_PATHS);
    this.capabilities = new EnumMap<>(b.capabilities);
    this.retention = b.retention;
    this.canonical = buildCanonicalForm();
    this.hash = sha256(canonical);
  }

  /** The built-in policy: see docs/policy.md, "Defaults". */
  public static PrivacyPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Reads a policy from YAML text.
   *
   * @param name what to call the text in error messages, e.g. its file name
   * @throws PolicyException naming the line and key of the first problem
   */
  public static PrivacyPolicy parse(String yaml, String name) {
    return PolicyParser.parse(Objects.requireNonNull(yaml, "yaml"), Objects.requireNonNull(name, "name"));
  }

  /**
   * Reads a policy file.
   *
   * @throws PolicyException naming the file, line and key of the first problem
   * @throws IOException if the file cannot be read
   */
  public static PrivacyPolicy load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean allows(Capability capability) {
    return capabilities.getOrDefault(capability, false);
  }

  /** Whether actions in this application may be recorded. */
  public boolean allowsApp(String appId) {
    return apps.permits(appId);
  }

  /** Whether actions in a window with this title may be recorded. */
  public boolean allowsTitle(String title) {
    return titles.permits(title);
  }

  /** Whether actions at this URL may be recorded; a text that is not a URL is not judged here. */
  public boolean allowsUrl(String url) {
    return url == null || !UrlPattern.isUrl(url) || urls.permits(url);
  }

  /** Whether actions on this file (a path or a file URI) may be recorded. */
  public boolean allowsPath(String path) {
    return path == null || path.isEmpty() || paths.permits(path);
  }

  /** Whether a document, which may be a URL, a file URI or a path, may be recorded. */
  @Override
  public boolean allowsDocument(String document) {
    if (document == null || document.isEmpty()) {
      return true;
    }
    return UrlPattern.isUrl(document) && !document.regionMatches(true, 0, "file:", 0, 5)
        ? urls.permits(document)
        : paths.permits(document);
  }

  /** How long recorded sessions are kept; empty means until they are deleted by hand. */
  public Optional<Duration> retention() {
    return Optional.ofNullable(retention);
  }

  @Override
  public String hash() {
    return hash;
  }

  /**
   * The canonical text the {@link #hash()} is computed over: one {@code key=value} line per setting,
   * keys in a fixed order, lists sorted, defaults already merged in.
   */
  public String canonicalForm() {
    return canonical;
  }

  private String buildCanonicalForm() {
    StringBuilder s = new StringBuilder("understudy-policy/" + FORMAT_VERSION + "\n");
    for (Map.Entry<String, Rules> e : Map.of("apps", apps, "titles", titles, "urls", urls, "paths", paths)
        .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      s.append(e.getKey()).append(".allow=").append(new TreeSet<>(e.getValue().allowSources())).append('\n');
      s.append(e.getKey()).append(".deny=").append(new TreeSet<>(e.getValue().denySources())).append('\n');
    }
    List<String> caps = new ArrayList<>();
    capabilities.forEach((c, on) -> caps.add(capabilityKey(c) + ":" + on));
    caps.sort(null);
    s.append("capabilities=").append(caps).append('\n');
    s.append("retention=").append(retention == null ? "forever" : retention.toString()).append('\n');
    return s.toString();
  }

  /** The key of a capability in the policy file: {@code CAPABILITY_TEXT_CONTENT} → {@code text_content}. */
  static String capabilityKey(Capability c) {
    return c.name().substring("CAPABILITY_".length()).toLowerCase(Locale.ROOT);
  }

  /** Hex SHA-256 of the UTF-8 bytes of a text, as policy and configuration hashes are written. */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "PrivacyPolicy " + hash.substring(0, 12);
  }

  /**
   * Builds a policy in code; what a policy file can say, a builder can. Starts from the defaults: the
   * built-in deny-lists are included unless {@link #includeDefaults(boolean) includeDefaults(false)}.
   * Not thread-safe.
   */
  public static final class Builder {
    private boolean includeDefaults = true;
    private final Map<PatternKind, List<String>> allow = new EnumMap<>(PatternKind.class);
    private final Map<PatternKind, List<String>> deny = new EnumMap<>(PatternKind.class);
    private final Map<Capability, Boolean> capabilities = BuiltInRules.capabilities();
    private Duration retention = BuiltInRules.RETENTION;

    private Builder() {
      for (PatternKind k : PatternKind.values()) {
        allow.put(k, new ArrayList<>());
        deny.put(k, new ArrayList<>());
      }
    }

    /** Whether the built-in deny-lists apply in addition to the ones given here: default true. */
    public Builder includeDefaults(boolean include) {
      this.includeDefaults = include;
      return this;
    }

    /** Records only these apps (exact ids or globs) unless denied. */
    public Builder allowApps(String... patterns) {
      return add(allow, PatternKind.APP, patterns);
    }

    /** Never records these apps (exact ids or globs). */
    public Builder denyApps(String... patterns) {
      return add(deny, PatternKind.APP, patterns);
    }

    /** Records only windows whose title matches one of these RE2 expressions, unless denied. */
    public Builder allowTitles(String... regexes) {
      return add(allow, PatternKind.TITLE, regexes);
    }

    /** Never records windows whose title matches one of these RE2 expressions. */
    public Builder denyTitles(String... regexes) {
      return add(deny, PatternKind.TITLE, regexes);
    }

    /** Records only these URL patterns ({@code [scheme://]host[/path]}) unless denied. */
    public Builder allowUrls(String... patterns) {
      return add(allow, PatternKind.URL, patterns);
    }

    /** Never records these URL patterns. */
    public Builder denyUrls(String... patterns) {
      return add(deny, PatternKind.URL, patterns);
    }

    /** Records only files matching these path globs unless denied. */
    public Builder allowPaths(String... globs) {
      return add(allow, PatternKind.PATH, globs);
    }

    /** Never records files matching these path globs. */
    public Builder denyPaths(String... globs) {
      return add(deny, PatternKind.PATH, globs);
    }

    /** Allows or refuses one kind of data. */
    public Builder capability(Capability capability, boolean allowed) {
      Objects.requireNonNull(capability, "capability");
      if (capability == Capability.CAPABILITY_UNSPECIFIED || capability == Capability.UNRECOGNIZED) {
        throw new IllegalArgumentException("capability: " + capability + " is not a kind of data");
      }
      capabilities.put(capability, allowed);
      return this;
    }

    /** How long sessions are kept: default 30 days; {@code null} keeps them until deleted by hand. */
    public Builder retention(Duration retention) {
      if (retention != null && (retention.isNegative() || retention.isZero())) {
        throw new IllegalArgumentException("retention must be positive, got " + retention);
      }
      this.retention = retention;
      return this;
    }

    private Builder add(Map<PatternKind, List<String>> lists, PatternKind kind, String... patterns) {
      for (String p : patterns) {
        Objects.requireNonNull(p, kind.key());
        try {
          kind.compile(p);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(kind.key() + ": '" + p + "': " + e.getMessage(), e);
        }
        lists.get(kind).add(p);
      }
      return this;
    }

    private Rules rules(PatternKind kind, List<String> builtInDeny) {
      List<String> denied = new ArrayList<>();
      if (includeDefaults) {
        denied.addAll(builtInDeny);
      }
      denied.addAll(deny.get(kind));
      return new Rules(kind, allow.get(kind), denied);
    }

    /** The policy. */
    public PrivacyPolicy build() {
      return new PrivacyPolicy(this);
    }
  }
}
