package dev.understudy.plugins.browser;

import java.util.Objects;

/**
 * The browser tab a recorder message came from, as the transport knows it: a stable id and the tab's
 * current title and URL (the top-level page, also for messages from its frames).
 *
 * @param id the transport's id for the tab (a DevTools target id, an extension tab id)
 * @param title the tab's title
 * @param url the tab's URL
 */
public record TabContext(String id, String title, String url) {
  /** Checks the parts are present. */
  public TabContext {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(url, "url");
  }
}
