package dev.understudy.core.privacy.redact;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The validators detectors run on a regex match before accepting it: checksums, number rules and
 * shape tests that a regular expression cannot express. Stateless; any thread.
 */
final class Checks {

  private Checks() {}

  /** IBAN length per country (ISO 13616 registry), for the countries a recording is likely to see. */
  private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
      Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
      Map.entry("BH", 22), Map.entry("BR", 29), Map.entry("CH", 21), Map.entry("CR", 22),
      Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18),
      Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24),
      Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
      Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
      Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22),
      Map.entry("IL", 23), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30),
      Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LI", 21),
      Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27),
      Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MR", 27),
      Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
      Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25),
      Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24),
      Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
      Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VG", 24),
      Map.entry("XK", 20));

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * A character RE2/J matches with {@code (?i)[A-Z]}: an ASCII letter, or the Kelvin sign or the long s,
   * which it folds to k and s.
   */
  static boolean foldsToAsciiLetter(char c) {
    return isAsciiLetter(c) || c == '\u212A' || c == '\u017F';
  }

  static boolean isAsciiAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  /** The digits of a match, without separators. */
  static String digitsOnly(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The letters and digits of a match, upper-cased, without separators. */
  static String alnumUpper(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isAsciiAlnum(c)) {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.toString();
  }

  /** True when the characters either side of the match are not of the given kind (a digit run goes on). */
  static boolean isolated(CharSequence text, int start, int end, String joiners) {
    if (start > 0) {
      char c = text.charAt(start - 1);
      if (isAsciiAlnum(c) || (joiners.indexOf(c) >= 0 && start > 1 && isAsciiAlnum(text.charAt(start - 2)))) {
        return false;
      }
    }
    if (end < text.length()) {
      char c = text.charAt(end);
      if (isAsciiAlnum(c) || (joiners.indexOf(c) >= 0 && end + 1 < text.length() && isAsciiAlnum(text.charAt(end + 1)))) {
        return false;
      }
    }
    return true;
  }

  /** The Luhn (mod 10) check used by payment card numbers. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  /** A card number: 13-19 digits, an issuer prefix in use, the Luhn check, and not one digit repeated. */
  static boolean paymentCard(CharSequence text, int start, int end) {
    if (!isolated(text, start, end, "-.") || (start > 0 && text.charAt(start - 1) == '+')) {
      return false; // "+49151..." is a phone number
    }
    CharSequence match = text.subSequence(start, end);
    if (!consistentSeparators(match)) {
      return false;
    }
    String d = digitsOnly(match);
    if (d.length() < 13 || d.length() > 19 || distinctDigits(d) < 3) {
      return false;
    }
    return knownIssuer(d) && luhn(d);
  }

  /** How many different digits a string of digits holds. */
  private static int distinctDigits(String digits) {
    int seen = 0;
    for (int i = 0; i < digits.length(); i++) {
      seen |= 1 << (digits.charAt(i) - '0');
    }
    return Integer.bitCount(seen);
  }

  /** Groups of digits separated by nothing, or by one kind of separator. */
  private static boolean consistentSeparators(CharSequence match) {
    char sep = 0;
    for (int i = 0; i < match.length(); i++) {
      char c = match.charAt(i);
      if (!isDigit(c)) {
        if (sep == 0) {
          sep = c;
        } else if (c != sep) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean knownIssuer(String d) {
    int two = Integer.parseInt(d.substring(0, 2));
    int four = Integer.parseInt(d.substring(0, 4));
    char first = d.charAt(0);
    return first == '4' // Visa
        || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) // Mastercard
        || two == 34 || two == 37 // American Express
        || two == 36 || two == 38 || two == 39 || (four >= 3000 && four <= 3059) // Diners Club
        || (four >= 3528 && four <= 3589) // JCB
        || first == '6' // Discover, UnionPay, Maestro, RuPay
        || two == 50 || (two >= 56 && two <= 58); // Maestro
  }

  /** An IBAN: a known country, its length, and the ISO 7064 mod-97 check. */
  static boolean iban(CharSequence text, int start, int end) {
    if (!isolated(text, start, end, "")) {
      return false;
    }
    String s = alnumUpper(text.subSequence(start, end));
    Integer length = IBAN_LENGTHS.get(s.substring(0, 2));
    if (length == null || s.length() != length) {
      return false;
    }
    return mod97(s.substring(4) + s.substring(0, 4)) == 1;
  }

  /** ISO 7064 MOD 97-10 over letters (A=10 ... Z=35) and digits. */
  static int mod97(String s) {
    int r = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int v = isDigit(c) ? c - '0' : c - 'A' + 10;
      r = v > 9 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
    }
    return r;
  }

  /** A US social security number: area not 000, 666 or 9xx; group not 00; serial not 0000. */
  static boolean ssn(CharSequence text, int start, int end) {
    if (!isolated(text, start, end, "-.")) {
      return false;
    }
    CharSequence m = text.subSequence(start, end);
    if (m.charAt(3) != m.charAt(6)) {
      return false;
    }
    String d = digitsOnly(m);
    int area = Integer.parseInt(d.substring(0, 3));
    int group = Integer.parseInt(d.substring(3, 5));
    int serial = Integer.parseInt(d.substring(5));
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
        && !d.equals("123456789") && !d.equals("078051120");
  }

  /** A phone number: 7-15 digits (E.164), not a date, and not glued to other digits or dots. */
  static boolean phone(CharSequence text, int start, int end) {
    if (!isolated(text, start, end, "-./")) {
      return false;
    }
    CharSequence m = text.subSequence(start, end);
    int digits = digitsOnly(m).length();
    if (digits < 7 || digits > 15) {
      return false;
    }
    // Dates written with dots or dashes (2024-03-15, 15.03.2024) are not phone numbers.
    return !YEAR_FIRST_DATE.matcher(m).lookingAt() && !YEAR_LAST_DATE.matcher(m).lookingAt();
  }

  // Compiled once: the phone check runs on every candidate. A match holds no line break, so
  // lookingAt is the "date, then anything" the check means.
  private static final java.util.regex.Pattern YEAR_FIRST_DATE =
      java.util.regex.Pattern.compile("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}");
  private static final java.util.regex.Pattern YEAR_LAST_DATE =
      java.util.regex.Pattern.compile("\\d{1,2}[-./]\\d{1,2}[-./]\\d{4}");

  /** A public IPv4 address: four octets up to 255, not part of a longer dotted number. */
  static boolean ipv4(CharSequence text, int start, int end) {
    if (!isolated(text, start, end, ".")) {
      return false;
    }
    if (followsNumberingWord(text, start)) {
      return false; // "v1.2.3.4", "Version 1.2.3.4", "Chapter 3.1.4.1"
    }
    String[] parts = text.subSequence(start, end).toString().split("\\.");
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.length() > 1 && p.charAt(0) == '0') {
        return false;
      }
      octets[i] = Integer.parseInt(p);
      if (octets[i] > 255) {
        return false;
      }
    }
    // Loopback and "any" say nothing about a person or a network.
    return octets[0] != 127 && !(octets[0] == 0 && octets[1] == 0 && octets[2] == 0 && octets[3] == 0);
  }

  /** An IPv6 address: eight groups, or fewer with one "::", each 1-4 hex digits; not loopback. */
  static boolean ipv6(CharSequence text, int start, int end) {
    if (start > 0 && (isAsciiAlnum(text.charAt(start - 1)) || text.charAt(start - 1) == ':')) {
      return false;
    }
    if (end < text.length() && (isAsciiAlnum(text.charAt(end)) || text.charAt(end) == ':')) {
      return false;
    }
    String s = text.subSequence(start, end).toString();
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    int groups = 0;
    boolean hasV4 = false;
    String[] parts = s.split(":", -1);
    int hexDigits = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        continue;
      }
      if (p.indexOf('.') >= 0) {
        if (i != parts.length - 1 || !ipv4(p, 0, p.length()) && !p.startsWith("127.")) {
          return false;
        }
        hasV4 = true;
        groups += 2;
        continue;
      }
      if (p.length() > 4) {
        return false;
      }
      hexDigits += p.length();
      groups++;
    }
    // Leading or trailing single colons are only allowed as part of "::".
    if ((s.startsWith(":") && !s.startsWith("::")) || (s.endsWith(":") && !s.endsWith("::"))) {
      return false;
    }
    boolean complete = gap >= 0 ? groups < 8 : groups == 8;
    if (!complete) {
      return false;
    }
    // "cafe::beef" and "a::b" are code; a real address has some decimal digits and some length.
    if (!hasV4 && (hexDigits < 5 || s.chars().noneMatch(c -> c >= '0' && c <= '9'))) {
      return false;
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    return !lower.equals("::1") && !lower.equals("::") && !lower.equals("0:0:0:0:0:0:0:1");
  }

  /** A JWT: its first part decodes to a JSON header naming an algorithm. */
  static boolean jwt(CharSequence text, int start, int end) {
    String s = text.subSequence(start, end).toString();
    String header = s.substring(0, s.indexOf('.'));
    try {
      String json = new String(Base64.getUrlDecoder().decode(stripPadding(header)), StandardCharsets.UTF_8);
      return json.startsWith("{") && (json.contains("\"alg\"") || json.contains("\"typ\""));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String stripPadding(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    return s.substring(0, end);
  }

  /** A token with enough mixed characters to be a key: at least one letter and one digit. */
  static boolean mixedToken(CharSequence text, int start, int end) {
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      digit |= isDigit(c);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return digit && (upper || lower);
  }

  /** The minimum length, in characters, of a token the high-entropy check looks at. */
  static final int ENTROPY_MIN_LENGTH = 20;

  /**
   * A random-looking token: Shannon entropy over its characters high for its length, letters of both
   * cases and digits mixed throughout (not camelCase words), and not a UUID or a hex digest (hashes and
   * commit ids are common in code and are not secrets).
   */
  static boolean highEntropy(CharSequence text, int start, int end) {
    int n = end - start;
    if (n < ENTROPY_MIN_LENGTH) {
      return false;
    }
    int upper = 0;
    int lower = 0;
    int digit = 0;
    int hexOnly = 0;
    int transitions = 0;
    int previousClass = -1;
    int[] counts = new int[128];
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        return false;
      }
      counts[c]++;
      int cls;
      if (c >= 'A' && c <= 'Z') {
        upper++;
        cls = 0;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
        cls = 1;
      } else if (isDigit(c)) {
        digit++;
        cls = 2;
      } else {
        cls = 3;
      }
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-') {
        hexOnly++;
      }
      if (cls != 3) {
        if (previousClass >= 0 && cls != previousClass) {
          transitions++;
        }
        previousClass = cls;
      }
    }
    if (hexOnly == n) {
      return false; // UUIDs, digests, commit ids
    }
    if (insidePublicPemBlock(text, start)) {
      return false;
    }
    if (digit < 2 || upper + lower < n / 3 || (upper == 0 && lower == 0)) {
      return false;
    }
    // Random strings over [A-Za-z0-9] switch class on about 60% of characters; words in camelCase,
    // snake_case or paths switch far less often.
    if (transitions * 100 < (upper + lower + digit) * 35) {
      return false;
    }
    double entropy = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / n;
        entropy -= p * (Math.log(p) / LOG2);
      }
    }
    double threshold = n < 32 ? 3.7 : 4.2;
    return entropy >= threshold;
  }


  /** File extensions that follow "@" in asset names such as icon@2x.png; not mail domains. */
  private static final java.util.Set<String> FILE_SUFFIXES = java.util.Set.of(
      "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "js", "css", "ts", "json", "pdf");

  /** An e-mail address, but not an SSH remote ("git@host") or a retina asset name ("logo@2x.png"). */
  static boolean email(CharSequence text, int start, int end) {
    String s = text.subSequence(start, end).toString();
    int at = s.indexOf('@');
    if (at <= 0 || s.charAt(0) == '.' || s.charAt(at - 1) == '.') {
      return false;
    }
    if (s.substring(0, at).equals("git")) {
      return false;
    }
    String tld = s.substring(s.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    return !FILE_SUFFIXES.contains(tld);
  }

  /** A character of an e-mail's local part, as the expression has it: {@code [\\p{L}\\p{N}._%+-]}. */
  static boolean emailLocalChar(int c) {
    if (Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER || "._%+-".indexOf(c) >= 0;
  }

  /** The digits of a phone number, with its international prefix written one way. */
  static String phoneDigits(String s) {
    String d = digitsOnly(s);
    if (s.startsWith("+")) {
      return "+" + d;
    }
    return d.startsWith("00") ? "+" + d.substring(2) : d;
  }

  /** Values after "password:" that are not a password: placeholders, booleans, references. */
  private static final java.util.Set<String> NOT_SECRETS = java.util.Set.of(
      "true", "false", "null", "none", "nil", "undefined", "required", "optional", "empty", "string",
      "redacted", "hidden", "changeme?");

  /** A value assigned to a password-like name, unless it is a placeholder or a variable reference. */
  static boolean credentialValue(CharSequence text, int start, int end) {
    String v = text.subSequence(start, end).toString();
    char first = v.charAt(0);
    if (first == '$' || first == '{' || first == '<' || first == '%' || first == '(' || first == '[') {
      return false; // ${VAR}, {{ secret }}, <password>, %s
    }
    if (v.chars().allMatch(c -> c == '*' || c == '•' || c == 'x' || c == 'X' || c == '.')) {
      return false; // already masked
    }
    return !NOT_SECRETS.contains(v.toLowerCase(java.util.Locale.ROOT));
  }


  /** Words after which a dotted number is a version or a section, not an address. */
  private static final java.util.Set<String> NUMBERING_WORDS = java.util.Set.of(
      "v", "ver", "version", "versión", "release", "build", "chapter", "kapitel", "chapitre", "capítulo",
      "section", "abschnitt", "oid", "§", "rev", "revision", "firmware", "update");

  static boolean followsNumberingWord(CharSequence text, int start) {
    int end = start;
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    int begin = end;
    while (begin > 0 && Character.isLetter(text.charAt(begin - 1)) || begin > 0 && text.charAt(begin - 1) == '§') {
      begin--;
    }
    return begin < end
        && NUMBERING_WORDS.contains(text.subSequence(begin, end).toString().toLowerCase(java.util.Locale.ROOT));
  }

  /** True when the position is inside a PEM block that holds no private key (a certificate, a public key). */
  static boolean insidePublicPemBlock(CharSequence text, int start) {
    String s = text.toString();
    int begin = s.lastIndexOf("-----BEGIN ", start);
    if (begin < 0 || s.lastIndexOf("-----END ", start) > begin) {
      return false;
    }
    int lineEnd = s.indexOf("-----", begin + 11);
    return lineEnd > 0 && !s.substring(begin, lineEnd).contains("PRIVATE");
  }

  private static final double LOG2 = Math.log(2);
}
