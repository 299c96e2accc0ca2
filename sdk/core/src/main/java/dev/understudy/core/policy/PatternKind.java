package dev.understudy.core.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The four kinds of pattern a policy lists, how each is written and how it matches. All compile to
 * RE2 (linear-time) expressions. Stateless.
 */
enum PatternKind {

  /** An app id, exact or a glob ({@code *}, {@code ?}); case-insensitive; matches the whole id. */
  APP {
    @Override
    Predicate<String> compile(String source) {
      Pattern p = Pattern.compile(Glob.flat(source), Pattern.CASE_INSENSITIVE);
      return RequiredLiteral.before(RequiredLiteral.ofGlob(source), v -> p.matches(v));
    }
  },

  /**
   * A window-title regular expression in RE2 syntax, found anywhere in the title; {@code (?i)} makes
   * it case-insensitive.
   */
  TITLE {
    @Override
    Predicate<String> compile(String source) {
      Pattern p;
      try {
        p = Pattern.compile(source);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription());
      }
      return RequiredLiteral.before(RequiredLiteral.ofTitleRegex(source), v -> p.matcher(v).find());
    }
  },

  /**
   * A URL pattern {@code [scheme://]host[/path]}: the host is a glob ({@code *.bank.example}) matched
   * case-insensitively, the path a path glob; a missing scheme or path matches any.
   */
  URL {
    @Override
    Predicate<String> compile(String source) {
      return UrlPattern.compile(source);
    }
  },

  /**
   * A file path glob ({@code **}{@code /.env}, {@code **}{@code /*.pem}); a glob with no {@code /}
   * matches the file name in any directory.
   */
  PATH {
    @Override
    Predicate<String> compile(String source) {
      String glob = source.replace('\\', '/');
      if (glob.indexOf('/') < 0) {
        glob = "**/" + glob;
      }
      Pattern p = Pattern.compile(Glob.path(glob));
      return RequiredLiteral.before(RequiredLiteral.ofGlob(glob), v -> p.matches(normalizePath(v)));
    }
  };

  /**
   * Compiles one pattern.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  abstract Predicate<String> compile(String source);

  /** A file URI or a Windows path as a slash-separated path. */
  static String normalizePath(String value) {
    String v = value;
    if (v.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        v = java.net.URI.create(v).getPath();
      } catch (IllegalArgumentException e) {
        v = v.substring(5);
      }
      if (v == null) {
        v = "";
      }
    }
    return v.replace('\\', '/');
  }

  /** The name used in the policy file and in error messages. */
  String key() {
    return name().toLowerCase(Locale.ROOT) + "s";
  }
}
