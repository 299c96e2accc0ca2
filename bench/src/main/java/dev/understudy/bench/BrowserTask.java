package dev.understudy.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The scripted task of {@link BrowserVsRrweb} on the orders page: 50 interactions (clicks, typing into
 * three fields, wheel scrolling), of which the Edit clicks, Add note and Show details change the DOM.
 */
final class BrowserTask {
  /** Pause between interactions, the same for every recorder: {@value} ms. */
  static final long PACE_MS = 40;

  /** One interaction: what it is, for the log, and how to do it. */
  record Step(String name, Interaction run) {}

  @FunctionalInterface
  interface Interaction {
    void on(BenchTab tab) throws Exception;
  }

  private BrowserTask() {}

  /** The 50 steps, for a page of this many rows. */
  static List<Step> steps(int rows) {
    List<Step> s = new ArrayList<>();
    field(s, "#customer", "Ada Lovelace");
    field(s, "#email", "ada@example.com");
    field(s, "#note", "Call back on Monday");
    s.add(new Step("click #add-note", t -> t.click("#add-note")));
    s.add(new Step("click #details", t -> t.click("#details")));
    for (int i = 0; i < 20; i++) {
      String edit = "[data-testid=edit-" + (1 + (i * 47) % rows) + "]";
      s.add(new Step("click " + edit, t -> t.click(edit)));
    }
    for (int i = 0; i < 10; i++) {
      int delta = i < 6 ? 400 : -300;
      s.add(new Step("wheel " + delta, t -> t.wheel(delta)));
    }
    field(s, "#filter", "Customer 5");
    s.add(new Step("click #details", t -> t.click("#details")));
    field(s, "#note", "Second note");
    s.add(new Step("click #add-note", t -> t.click("#add-note")));
    for (int i = 0; i < 6; i++) {
      String edit = "[data-testid=edit-" + (1 + (i * 47) % rows) + "]";
      s.add(new Step("click " + edit, t -> t.click(edit)));
    }
    return s;
  }

  private static void field(List<Step> s, String selector, String text) {
    s.add(new Step("click " + selector, t -> t.click(selector)));
    s.add(new Step("type into " + selector, t -> t.type(text)));
  }

  /** Runs every step, pausing {@link #PACE_MS} after each. */
  static void run(BenchTab tab, List<Step> steps) throws Exception {
    for (Step step : steps) {
      step.run().on(tab);
      Thread.sleep(PACE_MS);
    }
  }
}
