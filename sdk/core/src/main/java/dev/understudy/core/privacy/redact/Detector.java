package dev.understudy.core.privacy.redact;

import dev.understudy.proto.v1.ReplacementKind;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One kind of personal data or secret the redactor finds: an id and version recorded with every
 * redaction it makes, a regular expression (in the syntax common to RE2/J and {@code java.util.regex}),
 * a prefilter that decides cheaply whether the expression can match at all, and a validator for what
 * the expression cannot check (checksums, number ranges, randomness). Immutable; any thread.
 *
 * <p>The built-in detectors are in {@link Detectors}.
 */
public final class Detector {

  /** A yes/no test of a candidate match, given the whole text and the bounds of the part to replace. */
  @FunctionalInterface
  interface Check {
    boolean test(CharSequence text, int start, int end);
  }

  /**
   * Accepts a candidate match, returning where the accepted part ends (at most {@code end}), or -1 to
   * reject it.
   */
  @FunctionalInterface
  interface Validator {
    int accept(CharSequence text, int start, int end);

    Validator ANY = (text, start, end) -> end;

    static Validator of(Check check) {
      return (text, start, end) -> check.test(text, start, end) ? end : -1;
    }

    /**
     * Tries the whole match, then shorter ones ending where a group of letters or digits ends, longest
     * first: a greedy expression over groups may have taken one that follows the value ("4111 1111
     * 1111 1111 123" where 123 is the security code, "ES06... svp" after an IBAN).
     */
    static Validator trimmingGroups(Check check) {
      return (text, start, end) -> {
        if (check.test(text, start, end)) {
          return end;
        }
        for (int p = end - 1; p > start + 1; p--) {
          if (Checks.isAsciiAlnum(text.charAt(p - 1)) && !Checks.isAsciiAlnum(text.charAt(p))
              && check.test(text, start, p)) {
            return p;
          }
        }
        return -1;
      };
    }
  }

  private final String id;
  private final int version;
  private final String label;
  private final boolean secret;
  private final String regex;
  final int group;
  final int minLength;
  final Prefilter prefilter;
  final Validator validator;
  final UnaryOperator<String> normalizer;
  /** Where matches can start; {@code null} to search the whole text. */
  final Anchors anchors;
  /** Where a search can find acceptable matches; {@code null} to search the whole text. */
  final SearchRegions regions;
  /** How far a match from an anchor reaches; {@code null} for the rest of the text. */
  final Extent extent;
  /** The expression matched by hand at an anchor; {@code null} to run RE2/J there. */
  final ExactMatch exact;
  final com.google.re2j.Pattern re2;
  final java.util.regex.Pattern javaPattern;

  private Detector(Spec spec) {
    this.id = spec.id;
    this.version = spec.version;
    this.label = spec.label;
    this.secret = spec.secret;
    this.regex = spec.regex;
    this.group = spec.group;
    this.minLength = spec.minLength;
    this.prefilter = spec.prefilter;
    this.validator = spec.validator;
    this.normalizer = spec.normalizer;
    this.anchors = spec.anchors;
    this.regions = spec.regions;
    this.extent = spec.extent;
    this.exact = spec.exact;
    this.re2 = com.google.re2j.Pattern.compile(spec.regex);
    this.javaPattern = java.util.regex.Pattern.compile(spec.regex);
  }

  /** The rule id recorded in {@code Redaction.rule_id}: "email", "aws-access-key-id". */
  public String id() {
    return id;
  }

  /** The rule version recorded in {@code Redaction.rule_version}; raised whenever what it matches changes. */
  public int version() {
    return version;
  }

  /** The type written in the replacement: {@code EMAIL} in {@code <EMAIL:7f3a9c21>}. */
  public String label() {
    return label;
  }

  /** True for credentials and keys; false for personal data such as e-mail addresses. */
  public boolean secret() {
    return secret;
  }

  /**
   * What the redaction record says was put in place: {@link ReplacementKind#REPLACEMENT_KIND_MASKED}
   * for secrets, {@link ReplacementKind#REPLACEMENT_KIND_PSEUDONYM} for personal data. Both are written
   * as a keyed token; a secret's token only tells two uses of the same secret apart from two different
   * ones.
   */
  public ReplacementKind replacement() {
    return secret ? ReplacementKind.REPLACEMENT_KIND_MASKED : ReplacementKind.REPLACEMENT_KIND_PSEUDONYM;
  }

  /** The regular expression, in the syntax RE2/J and {@code java.util.regex} share. */
  public String regex() {
    return regex;
  }

  /** The shortest text this detector can match; shorter fields are not scanned. */
  public int minLength() {
    return minLength;
  }

  @Override
  public String toString() {
    return id + "@" + version;
  }

  static Spec spec(String id, int version, String label) {
    return new Spec(id, version, label);
  }

  /** Collects a detector's parts; see {@link Detectors}. */
  static final class Spec {
    private final String id;
    private final int version;
    private final String label;
    private boolean secret;
    private String regex;
    private int group;
    private int minLength = 1;
    private Prefilter prefilter = stats -> true;
    private Validator validator = Validator.ANY;
    private UnaryOperator<String> normalizer = UnaryOperator.identity();
    private Anchors anchors;
    private SearchRegions regions;
    private Extent extent;
    private ExactMatch exact;

    private Spec(String id, int version, String label) {
      this.id = Objects.requireNonNull(id, "id");
      this.version = version;
      this.label = Objects.requireNonNull(label, "label");
    }

    Spec secret() {
      this.secret = true;
      return this;
    }

    Spec regex(String regex) {
      this.regex = regex;
      return this;
    }

    /** The capture group to replace; 0 (the whole match) unless the expression matches context too. */
    Spec group(int group) {
      this.group = group;
      return this;
    }

    Spec minLength(int minLength) {
      this.minLength = minLength;
      return this;
    }

    Spec prefilter(Prefilter prefilter) {
      this.prefilter = prefilter;
      return this;
    }

    Spec validator(Validator validator) {
      this.validator = validator;
      return this;
    }

    Spec check(Check check) {
      return validator(Validator.of(check));
    }

    Spec normalizer(UnaryOperator<String> normalizer) {
      this.normalizer = normalizer;
      return this;
    }

    /** Matches start only where these anchors say: the engine tries an anchored match there. */
    Spec anchors(Anchors anchors) {
      this.anchors = anchors;
      return this;
    }

    /** How far a match from one of the anchors can reach; see {@link Extent}. */
    Spec extent(Extent extent) {
      this.extent = extent;
      return this;
    }

    /** The expression matched by hand at the anchors; see {@link ExactMatch}. */
    Spec exact(ExactMatch exact) {
      this.exact = exact;
      return this;
    }

    /** Matches are searched for only in these regions of the text. */
    Spec searchIn(SearchRegions regions) {
      this.regions = regions;
      return this;
    }

    /** Matches start with one of these keywords, written exactly so. */
    Spec startsWith(String... keywords) {
      return anchors(Anchors.keywords(false, keywords));
    }

    /** Matches start with one of these keywords, in any case. */
    Spec startsWithIgnoreCase(String... keywords) {
      return anchors(Anchors.keywords(true, keywords));
    }

    Spec lowerCase() {
      return normalizer(s -> s.toLowerCase(Locale.ROOT));
    }

    Detector build() {
      Objects.requireNonNull(regex, "regex");
      if (anchors != null && regions != null) {
        throw new IllegalStateException(id + ": anchors and search regions are alternatives");
      }
      if ((extent != null || exact != null) && anchors == null) {
        throw new IllegalStateException(id + ": an extent or an exact match works from anchors; there are none");
      }
      if (exact != null && group != 0) {
        throw new IllegalStateException(id + ": an exact match gives the whole match, not group " + group);
      }
      return new Detector(this);
    }
  }
}
