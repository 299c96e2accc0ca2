package dev.understudy.core.privacy.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in detectors, in priority order: when two matches overlap, the one from the detector
 * listed first wins (a private key block before the high-entropy tokens inside it, a URL's password
 * before the e-mail-like "pass@host" in it). Every detector is on by default.
 */
public final class Detectors {

  private Detectors() {}

  /** The names in credential-assignment's expression, each a place where a match can start. */
  private static final String[] CREDENTIAL_KEYWORDS = {
      "password", "passwd", "pwd", "passphrase", "passcode", "secret", "client_secret", "api_key", "api-key",
      "apikey", "access_token", "access-token", "accesstoken", "auth_token", "auth-token", "authtoken",
      "private_key", "private-key", "privatekey", "passwort", "kennwort", "mot de passe", "contraseña",
      "contrasena", "senha", "пароль", "ПАРОЛЬ", "Пароль", "パスワード", "密码"};

  /** URL parameters whose value is a secret, in lower case (matched in any case). */
  private static final String[] SECRET_PARAMETERS = {
      "access_token", "refresh_token", "id_token", "client_secret", "api_key", "apikey", "api-key", "token",
      "key", "secret", "password", "passwd", "pwd", "sig", "signature", "auth", "authorization", "code",
      "session_id", "sessionid", "jwt", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
      "x-goog-signature", "x-goog-credential"};

  private static final Prefilter CREDENTIAL_WORDS = Prefilter.anyOfIgnoreCase(
      "pass", "pwd", "secret", "key", "token", "kennwort", "mot de passe", "contrase", "senha",
      "пароль", "ПАРОЛЬ", "パスワード", "密码");

  private static final List<Detector> DEFAULTS = List.copyOf(build());
  private static final Map<String, Detector> BY_ID;

  static {
    Map<String, Detector> byId = new LinkedHashMap<>();
    for (Detector d : DEFAULTS) {
      byId.put(d.id(), d);
    }
    BY_ID = Collections.unmodifiableMap(byId);
  }

  /** Every built-in detector, in priority order. */
  public static List<Detector> defaults() {
    return DEFAULTS;
  }

  /** The ids of the built-in detectors, in priority order. */
  public static Set<String> ids() {
    return BY_ID.keySet();
  }

  /**
   * The built-in detector with this id.
   *
   * @throws IllegalArgumentException naming the id and the known ids when there is none
   */
  public static Detector byId(String id) {
    Detector d = BY_ID.get(Objects.requireNonNull(id, "id"));
    if (d == null) {
      throw new IllegalArgumentException("detectorId: unknown detector '" + id + "'; known: " + BY_ID.keySet());
    }
    return d;
  }

  /**
   * The same rules compiled with {@code java.util.regex}, by detector id: for benchmarks that compare
   * the redactor with a straightforward regex pass. {@link Redactor.Builder#matchEngine} with
   * {@link MatchEngine#JAVA_REGEX_UNFILTERED} runs exactly that pass, validators included.
   */
  public static Map<String, java.util.regex.Pattern> patternsAsJavaRegex() {
    Map<String, java.util.regex.Pattern> out = new LinkedHashMap<>();
    for (Detector d : DEFAULTS) {
      out.put(d.id(), d.javaPattern);
    }
    return Collections.unmodifiableMap(out);
  }

  // Characters of base64 and base64url text, and of most API tokens.
  private static final String B64 = "[A-Za-z0-9+/]";
  private static final String WORD = "[A-Za-z0-9_-]";

  private static List<Detector> build() {
    List<Detector> d = new ArrayList<>();

    // --- Secrets whose format names them: most specific first. ---
    d.add(Detector.spec("gcp-service-account", 1, "GCP_PRIVATE_KEY").secret()
        .regex("\"private_key(?:_id)?\"\\s*:\\s*\"([^\"]{16,})\"").group(1).minLength(33)
        .prefilter(Prefilter.anyOf("\"private_key"))
        .startsWith("\"private_key").build());
    d.add(Detector.spec("pem-private-key", 1, "PRIVATE_KEY").secret()
        .regex("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?s:.*?)"
            + "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)")
        .minLength(27).prefilter(Prefilter.anyOf("-----BEGIN "))
        .startsWith("-----BEGIN ").build());
    d.add(Detector.spec("jwt", 1, "JWT").secret()
        .regex("eyJ" + WORD + "{5,}\\.eyJ" + WORD + "{5,}\\." + WORD + "*").minLength(20)
        .prefilter(Prefilter.anyOf("eyJ")).check(Checks::jwt)
        .startsWith("eyJ").build());
    d.add(Detector.spec("aws-access-key-id", 1, "AWS_KEY").secret()
        .regex("(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}").minLength(20)
        .prefilter(Prefilter.anyOf("AKIA", "ASIA", "ABIA", "ACCA"))
        .check((t, s, e) -> Checks.isolated(t, s, e, ""))
        .startsWith("AKIA", "ASIA", "ABIA", "ACCA").build());
    d.add(Detector.spec("aws-secret-key", 1, "AWS_SECRET").secret()
        .regex("(?i)(?:aws[ _]?)?secret[ _]?(?:access[ _]?)?key[\"']?\\s*[:=]\\s*[\"']?(" + B64 + "{40})")
        .group(1).minLength(46)
        .prefilter(((Prefilter) stats -> stats.longestTokenRun >= 40).and(Prefilter.anyOfIgnoreCase("secret")))
        .check((t, s, e) -> e == t.length() || !(Checks.isAsciiAlnum(t.charAt(e)) || t.charAt(e) == '+' || t.charAt(e) == '/'))
        
        .startsWithIgnoreCase("aws", "secret").build());
    d.add(Detector.spec("gcp-api-key", 1, "GCP_KEY").secret()
        .regex("AIza" + WORD + "{35}").minLength(39)
        .prefilter(Prefilter.anyOf("AIza")).check((t, s, e) -> Checks.isolated(t, s, e, ""))
        .startsWith("AIza").build());
    d.add(Detector.spec("azure-storage-key", 1, "AZURE_KEY").secret()
        .regex("(?i)(?:AccountKey|SharedAccessKey)\\s*=\\s*(" + B64 + "{20,}={0,2})").group(1).minLength(31)
        .prefilter(Prefilter.anyOfIgnoreCase("AccountKey", "SharedAccessKey"))
        .startsWithIgnoreCase("AccountKey", "SharedAccessKey").build());
    d.add(Detector.spec("github-token", 1, "GITHUB_TOKEN").secret()
        .regex("(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})").minLength(40)
        .prefilter(Prefilter.anyOf("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"))
        .check((t, s, e) -> Checks.isolated(t, s, e, ""))
        .startsWith("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_").build());
    d.add(Detector.spec("gitlab-token", 1, "GITLAB_TOKEN").secret()
        .regex("gl(?:pat|ptt|dt|rt|soat|cbt)-" + WORD + "{20,}").minLength(25)
        .prefilter(Prefilter.anyOf("glpat-", "glptt-", "gldt-", "glrt-", "glsoat-", "glcbt-"))
        .startsWith("glpat-", "glptt-", "gldt-", "glrt-", "glsoat-", "glcbt-").build());
    d.add(Detector.spec("slack-webhook", 1, "SLACK_WEBHOOK").secret()
        .regex("https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]+").minLength(40)
        .prefilter(Prefilter.anyOf("hooks.slack.com"))
        .startsWith("https://hooks.slack.com/").build());
    d.add(Detector.spec("slack-token", 1, "SLACK_TOKEN").secret()
        .regex("(?:xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,})").minLength(15)
        .prefilter(Prefilter.anyOf("xox", "xapp-"))
        .startsWith("xox", "xapp-").build());
    d.add(Detector.spec("stripe-key", 1, "STRIPE_KEY").secret()
        .regex("(?:(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})").minLength(24)
        .prefilter(Prefilter.anyOf("_live_", "_test_", "whsec_"))
        .startsWith("sk_live_", "rk_live_", "pk_live_", "sk_test_", "rk_test_", "pk_test_", "whsec_").build());
    d.add(Detector.spec("npm-token", 1, "NPM_TOKEN").secret()
        .regex("npm_[A-Za-z0-9]{36}").minLength(40)
        .prefilter(Prefilter.anyOf("npm_")).check((t, s, e) -> Checks.isolated(t, s, e, ""))
        .startsWith("npm_").build());
    d.add(Detector.spec("twilio-key", 1, "TWILIO_KEY").secret()
        .regex("(?:SK|AC)[0-9a-f]{32}").minLength(34)
        .prefilter(((Prefilter) stats -> stats.longestTokenRun >= 34).and(Prefilter.anyOf("SK", "AC")))
        .check((t, s, e) -> Checks.isolated(t, s, e, ""))
        .startsWith("SK", "AC").build());
    d.add(Detector.spec("sendgrid-key", 1, "SENDGRID_KEY").secret()
        .regex("SG\\." + WORD + "{22}\\." + WORD + "{43}").minLength(69)
        .prefilter(Prefilter.anyOf("SG."))
        .startsWith("SG.").build());
    d.add(Detector.spec("openai-key", 1, "API_KEY").secret()
        .regex("sk-(?:proj-|svcacct-|admin-|ant-api03-)?" + WORD + "{20,}").minLength(23)
        .prefilter(Prefilter.anyOf("sk-"))
        .check((t, s, e) -> (s == 0 || !(Checks.isAsciiAlnum(t.charAt(s - 1)) || t.charAt(s - 1) == '-'))
            && Checks.mixedToken(t, s, e))
        
        .startsWith("sk-").build());

    // --- Secrets given away by where they sit: URLs and assignments. ---
    d.add(Detector.spec("url-credentials", 1, "URL_CREDENTIALS").secret()
        .regex("[A-Za-z][A-Za-z0-9+.-]*://([^\\s/?#@:]+:[^\\s/?#@]+)@").group(1).minLength(8)
        .prefilter(((Prefilter) stats -> stats.at > 0 && stats.colons > 0).and(Prefilter.anyOf("://")))
        .anchors(Anchors.runBefore("://", c -> c < 128 && (Checks.isAsciiAlnum((char) c) || c == '+' || c == '.' || c == '-'),
            c -> c < 128 && Checks.isAsciiLetter((char) c)))
        .extent(Extent.urlCredentials()).build());
    d.add(Detector.spec("url-secret-param", 1, "URL_SECRET").secret()
        .regex("(?i)[?&#;](?:" + String.join("|", SECRET_PARAMETERS) + ")=([^&#\\s\"'<>]+)")
        .group(1).minLength(5)
        .prefilter(((Prefilter) stats -> stats.equals > 0 && stats.queryMarks > 0).and(Prefilter.anyOfIgnoreCase(
            "token", "key", "secret", "pass", "pwd", "sig", "auth", "code", "session", "jwt", "x-amz", "x-goog")))
        
        .anchors(Anchors.characters("?&#;")).extent(Extent.urlParameter(SECRET_PARAMETERS)).build());
    d.add(Detector.spec("credential-assignment", 1, "SECRET").secret()
        .regex("(?i)(?:password|passwd|pwd|passphrase|passcode|secret|client_secret|api[_-]?key"
            + "|access[_-]?token|auth[_-]?token|private[_-]?key|passwort|kennwort|mot de passe|contraseña"
            + "|contrasena|senha|[Пп]ароль|ПАРОЛЬ|パスワード|密码)[\"']?\\s*[:=：]\\s*[\"']?([^\\s\"',;]{3,})")
        .group(1).minLength(6)
        .prefilter(stats -> stats.colons + stats.equals > 0 && CREDENTIAL_WORDS.mayMatch(stats))
        .check(Checks::credentialValue)
        .startsWithIgnoreCase(CREDENTIAL_KEYWORDS).extent(Extent.assignment(CREDENTIAL_KEYWORDS)).build());

    // --- Personal data. ---
    d.add(Detector.spec("email", 1, "EMAIL")
        .regex("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
            + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*\\.\\p{L}{2,}")
        .minLength(6).prefilter(stats -> stats.at > 0 && stats.dots > 0).check(Checks::email).lowerCase()
        .anchors(Anchors.runBefore("@", Checks::emailLocalChar, c -> true)).extent(Extent.email())
        .exact(ExactMatch.asciiEmail()).build());
    d.add(Detector.spec("iban", 1, "IBAN")
        .regex("(?i)[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?").minLength(15)
        .prefilter(stats -> stats.digits >= 6 && stats.lettersThenDigits)
        .validator(Detector.Validator.trimmingGroups(Checks::iban)).normalizer(Checks::alnumUpper)
        .anchors(Anchors.lettersThenDigits()).exact(ExactMatch.iban()).build());
    d.add(Detector.spec("payment-card", 1, "CARD")
        .regex("[0-9](?:[0-9]|[ -][0-9]){12,18}").minLength(13)
        .prefilter(stats -> stats.longestDigitCluster >= 13)
        .validator(Detector.Validator.trimmingGroups(Checks::paymentCard))
        .normalizer(Checks::digitsOnly).anchors(Anchors.digitRuns(13, " -")).exact(ExactMatch.digitGroups(12, 18)).build());
    d.add(Detector.spec("ssn", 1, "SSN")
        .regex("[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}").minLength(11)
        .prefilter(stats -> stats.longestDigitCluster >= 9).check(Checks::ssn).normalizer(Checks::digitsOnly)
        .anchors(Anchors.digitShape("ddd-dd-dddd", "- ")).exact(ExactMatch.digitShape("ddd-dd-dddd", "- ")).build());
    d.add(Detector.spec("phone", 1, "PHONE")
        .regex("(?:(?:\\+|\\b00)[1-9][0-9]{0,3}(?:[ .\\-/]?\\(?[0-9]{1,5}\\)?){1,6}"
            + "|\\(?[2-9][0-9]{2}\\)?[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}"
            + "|0[1-9][0-9]{0,4}(?:[ /-]\\(?[0-9]{2,8}\\)?){1,4}"
            + "|8[ -]?\\(?[0-9]{3,4}\\)?[ -]?[0-9]{2,3}[ -][0-9]{2}[ -][0-9]{2})")
        .minLength(7).prefilter(stats -> stats.longestDigitCluster >= 7)
        .validator(Detector.Validator.trimmingGroups(Checks::phone))
        .normalizer(Checks::phoneDigits)
        // Digits in a match are at most three of " .-/()" apart (")-(" between groups), and the
        // validator wants seven or more.
        .searchIn(SearchRegions.digitClusters(7, " -./()+", 3)).build());
    d.add(Detector.spec("ipv6", 1, "IP")
        .regex("(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,7}(?:\\.[0-9]{1,3}){0,3}").minLength(6)
        .prefilter(stats -> stats.ipv6Candidate).check(Checks::ipv6).lowerCase().build());
    d.add(Detector.spec("ipv4", 1, "IP")
        .regex("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}").minLength(7)
        .prefilter(stats -> stats.dots >= 3 && stats.longestDigitCluster >= 4).check(Checks::ipv4).build());

    // --- Anything else that looks like a random key. ---
    d.add(Detector.spec("high-entropy", 1, "TOKEN").secret()
        .regex("[A-Za-z0-9+_=-]{" + Checks.ENTROPY_MIN_LENGTH + ",}").minLength(Checks.ENTROPY_MIN_LENGTH)
        .prefilter(stats -> stats.entropyCandidate)
        .check(Checks::highEntropy)
        .anchors(Anchors.entropyRuns()).exact(ExactMatch.tokenRun(Checks.ENTROPY_MIN_LENGTH)).build());
    return d;
  }


}
