package dev.understudy.core.privacy.redact;

import java.util.Arrays;
import java.util.List;

/**
 * Finds and replaces the matches of a list of detectors in one text. Overlapping matches go to the
 * detector listed first. Any thread: the scratch space is per thread, and nothing is allocated for a
 * text in which nothing is found (with the default engine).
 */
final class TextScanner {

  /** What was replaced in one text: the new text and, per detector index, how many matches. */
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
    if (text.length() < minLength || detectors.length == 0) {
      return null;
    }
    Scratch s = scratch.get();
    s.size = 0;
    if (engine == MatchEngine.RE2J_PREFILTERED) {
      TextStats stats = s.stats.of(text);
      for (int i = 0; i < detectors.length; i++) {
        Detector d = detectors[i];
        if (text.length() >= d.minLength && d.prefilter.mayMatch(stats)) {
          findRe2(d, i, text, s);
        }
      }
      s.stats.text = null;
    } else {
      for (int i = 0; i < detectors.length; i++) {
        findJava(detectors[i], i, text, s);
      }
    }
    return s.size == 0 ? null : replace(text, s);
  }

  private static void findRe2(Detector d, int index, String text, Scratch s) {
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
      com.google.re2j.Matcher m = d.re2.matcher(window.of(text, start));
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

  /** A view of a text from an offset to its end, without copying it. Reused per thread. */
  static final class Window implements CharSequence {
    String text;
    int offset;

    Window of(String text, int offset) {
      this.text = text;
      this.offset = offset;
      return this;
    }

    @Override
    public int length() {
      return text.length() - offset;
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
      return text.substring(offset);
    }
  }

  /** Per-thread scratch: the text's character counts and the matches found so far. */
  private static final class Scratch {
    final TextStats stats = new TextStats();
    final Window window = new Window();
    int[] starts = new int[8];
    int[] ends = new int[8];
    int[] which = new int[8];
    int size;

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
