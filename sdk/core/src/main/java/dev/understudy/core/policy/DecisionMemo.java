package dev.understudy.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Remembers the answers to one policy question ("may this window title be recorded?") for the
 * values seen most recently. Within a session the same app ids, titles and URLs come back on almost
 * every action, while matching them against the policy's patterns costs microseconds each.
 *
 * <p>Threading: one thread (the pipeline's); not thread-safe. The policy is immutable, so an answer
 * never goes stale.
 */
final class DecisionMemo {

  /** Distinct values remembered: {@value}. */
  static final int MAX_ENTRIES = 1024;

  private final Predicate<String> question;
  private final Map<String, Boolean> answers =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  DecisionMemo(Predicate<String> question) {
    this.question = question;
  }

  boolean test(String value) {
    if (value == null || value.isEmpty()) {
      return question.test(value);
    }
    Boolean answer = answers.get(value);
    if (answer == null) {
      answer = question.test(value);
      answers.put(value, answer);
    }
    return answer;
  }
}
