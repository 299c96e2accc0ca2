package dev.understudy.plugins.browser.nativehost;

import java.util.Objects;

/**
 * The browser tab a recorder message came from, as the extension's background worker knows it: the tab's
 * id and its top-level page's title and URL (also for messages from the tab's frames).
 *
 * @param id the browser's tab id
 * @param title the tab's title; empty when unknown
 * @param url the tab's URL; empty when unknown
 */
public record ExtensionTab(long id, String title, String url) {
  /** Checks the parts are present. */
  public ExtensionTab {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(url, "url");
  }
}
