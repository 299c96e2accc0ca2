package dev.understudy.core.privacy.redact;

import java.util.Arrays;
import java.util.List;

/**
 * Finds and replaces the matches of a list of detectors in one text. Overlapping matches go to the
 * detector listed first. Any thread: the scratch space is per thread, and nothing is allocated for a
 * text in which nothing is found (with the default engine).
 */
final class TextScanner {

  /**
   * What was replaced in one text: the new text and, per detector index, how many matches. Shared
   * once made (the memo of redacted texts hands it out again): never modified.
   */
  static final class Result {
    final String text;
    final int[] counts;

    Result(String text, int[] counts) {
      this.text = text;
      this.counts = counts;
    }
  }

  private final Detector[] detectors;
  private final MatchEngine engine;
  private final Pseudonyms pseudonyms;
  private final int minLength;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  TextScanner(List<Detector> detectors, MatchEngine engine, Pseudonyms pseudonyms) {
    this.detectors = detectors.toArray(new Detector[0]);
    this.engine = engine;
    this.pseudonyms = pseudonyms;
    int min = Integer.MAX_VALUE;
    for (Detector d : detectors) {
      min = Math.min(min, d.minLength);
    }
    this.minLength = engine == MatchEngine.JAVA_REGEX_UNFILTERED ? 0 : min;
  }

  Detector detector(int index) {
    return detectors[index];
  }

  int detectorCount() {
    return detectors.length;
  }

  /** The text with every match replaced, or {@code null} when nothing matched. */
  Result scan(String text) {
    return scan(text, scratch.get());
  }

  /** Scratch space for {@link #scan(String, Scratch)}; one per thread, never shared. */
  Scratch newScratch() {
    return new Scratch();
  }

  /** {@link #scan(String)} with the calling thread's scratch space, for callers that keep their own. */
  Result scan(String text, Scratch s) {
    if (text.length() < minLength || detectors.length == 0) {
      return null;
    }
    s.size = 0;
    if (engine == MatchEngine.RE2J_PREFILTERED) {
      // Window titles, documents, target names and locators repeat from action to action: a text
      // found clean a moment ago is clean again (the detectors are fixed), so it is not scanned twice.
      if (s.clean.contains(text)) {
        return null;
      }
      // And one found to hold something is replaced as it was then (same detectors, same key).
      RedactedTexts.Fingerprint fingerprint = null;
      if (text.length() <= RedactedTexts.MAX_LENGTH) {
        fingerprint = s.redacted.fingerprint(text, s.fingerprint);
        Result known = s.redacted.get(fingerprint);
        if (known != null) {
          return known;
        }
      }
      TextStats stats = s.stats.of(text);
      for (int i = 0; i < detectors.length; i++) {
        Detector d = detectors[i];
        if (text.length() >= d.minLength && d.prefilter.mayMatch(stats)) {
          findDefault(d, i, text, s);
        }
      }
      s.stats.text = null;
      if (s.size == 0) {
        s.clean.add(text);
        return null;
      }
      Result result = replace(text, s);
      if (fingerprint != null) {
        s.redacted.put(fingerprint, result);
      }
      return result;
    } else {
      for (int i = 0; i < detectors.length; i++) {
        findJava(detectors[i], i, text, s);
      }
    }
    return s.size == 0 ? null : replace(text, s);
  }

  /**
   * The default engine's search for one detector: its search regions, or its anchors with their exact
   * match or extent, or a plain RE2/J search when it has neither.
   */
  private static void findDefault(Detector d, int index, String text, Scratch s) {
    if (d.regions != null) {
      // A search in each region, over the text cut off at the region's end: what lies before the
      // region stays visible to \b, and nothing after it can be part of an acceptable match.
      Window window = s.window;
      long region;
      int from = 0;
      while (from < text.length() && (region = d.regions.next(text, from)) >= 0) {
        int end = SearchRegions.end(region);
        if (s.coversEveryDigit(text, SearchRegions.start(region), end)) {
          // Every acceptable match here holds a digit, and each digit is already in a match of a
          // detector listed earlier (an IBAN, a card number): whatever the search finds overlaps.
          from = end;
          continue;
        }
        com.google.re2j.Matcher m = d.re2.matcher(window.of(text, 0, end));
        if (m.find(SearchRegions.start(region))) {
          do {
            consider(d, index, text, m.start(d.group), m.end(d.group), s);
          } while (m.find());
        }
        from = end;
      }
      window.text = null;
      return;
    }
    if (d.anchors == null) {
      com.google.re2j.Matcher m = d.re2.matcher(text);
      while (m.find()) {
        consider(d, index, text, m.start(d.group), m.end(d.group), s);
      }
      return;
    }
    // Anchored matches where a match can start, leftmost first, never inside the previous match:
    // the same matches as a search, at the cost of what is matched rather than of the whole text.
    Window window = s.window;
    int from = 0;
    int start;
    while (from <= text.length() && (start = d.anchors.next(text, from)) >= 0) {
      if (d.exact != null) {
        int end = d.exact.end(text, start);
        if (end != ExactMatch.ASK_RE2J) {
          if (end >= 0) {
            consider(d, index, text, start, end, s);
            from = start + Math.max(end - start, 1);
          } else {
            from = start + 1;
          }
          continue;
        }
      }
      int limit = d.extent == null ? text.length() : d.extent.limit(text, start);
      if (limit < 0) {
        from = start + 1;
        continue;
      }
      com.google.re2j.Matcher m = d.re2.matcher(window.of(text, start, limit));
      if (m.lookingAt()) {
        int g0 = m.start(d.group);
        if (g0 >= 0) {
          consider(d, index, text, start + g0, start + m.end(d.group), s);
        }
        from = start + Math.max(m.end(), 1);
      } else {
        from = start + 1;
      }
    }
    window.text = null;
  }

  private static void findJava(Detector d, int index, String text, Scratch s) {
    java.util.regex.Matcher m = d.javaPattern.matcher(text);
    while (m.find()) {
      consider(d, index, text, m.start(d.group), m.end(d.group), s);
    }
  }

  private static void consider(Detector d, int index, String text, int start, int end, Scratch s) {
    if (start < 0 || start == end) {
      return;
    }
    int accepted = d.validator.accept(text, start, end);
    if (accepted > start && !s.overlaps(start, accepted)) {
      s.add(start, accepted, index);
    }
  }

  private Result replace(String text, Scratch s) {
    s.sortByStart();
    int[] counts = new int[detectors.length];
    StringBuilder out = new StringBuilder(text.length() + 16 * s.size);
    int previous = 0;
    for (int k = 0; k < s.size; k++) {
      int start = s.starts[k];
      int end = s.ends[k];
      Detector d = detectors[s.which[k]];
      out.append(text, previous, start);
      pseudonyms.append(out, d.label(), d.normalizer.apply(text.substring(start, end)));
      counts[s.which[k]]++;
      previous = end;
    }
    out.append(text, previous, text.length());
    return new Result(out.toString(), counts);
  }

  /** A view of part of a text, without copying it. Reused per thread. */
  static final class Window implements CharSequence {
    String text;
    int offset;
    int end;

    Window of(String text, int offset) {
      return of(text, offset, text.length());
    }

    /** The part of the text from {@code offset} to {@code end}. */
    Window of(String text, int offset, int end) {
      this.text = text;
      this.offset = offset;
      this.end = end;
      return this;
    }

    @Override
    public int length() {
      return end - offset;
    }

    @Override
    public char charAt(int index) {
      return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.substring(offset + start, offset + end);
    }

    @Override
    public String toString() {
      return text.substring(offset, end);
    }
  }

  /**
   * Per-thread scratch: the text's character counts, the matches found so far, recent texts found
   * clean and recent texts found to hold something.
   */
  static final class Scratch {
    final TextStats stats = new TextStats();
    final CleanTexts clean = new CleanTexts();
    final RedactedTexts redacted = new RedactedTexts();
    final RedactedTexts.Fingerprint fingerprint = new RedactedTexts.Fingerprint();
    final Window window = new Window();
    int[] starts = new int[8];
    int[] ends = new int[8];
    int[] which = new int[8];
    int size;

    /** True when every digit of the text between {@code from} and {@code to} lies in a match found so far. */
    boolean coversEveryDigit(String text, int from, int to) {
      if (size == 0) {
        return false;
      }
      for (int i = from; i < to; i++) {
        if (Checks.isDigit(text.charAt(i)) && !overlaps(i, i + 1)) {
          return false;
        }
      }
      return true;
    }

    boolean overlaps(int start, int end) {
      for (int k = 0; k < size; k++) {
        if (start < ends[k] && starts[k] < end) {
          return true;
        }
      }
      return false;
    }

    void add(int start, int end, int detector) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
        which = Arrays.copyOf(which, size * 2);
      }
      starts[size] = start;
      ends[size] = end;
      which[size] = detector;
      size++;
    }

    void sortByStart() {
      // Insertion sort: a text rarely holds more than a handful of matches.
      for (int i = 1; i < size; i++) {
        int s = starts[i];
        int e = ends[i];
        int w = which[i];
        int j = i - 1;
        while (j >= 0 && starts[j] > s) {
          starts[j + 1] = starts[j];
          ends[j + 1] = ends[j];
          which[j + 1] = which[j];
          j--;
        }
        starts[j + 1] = s;
        ends[j + 1] = e;
        which[j + 1] = w;
      }
    }
  }
}
