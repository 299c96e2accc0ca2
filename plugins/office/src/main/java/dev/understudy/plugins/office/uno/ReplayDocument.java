package dev.understudy.plugins.office.uno;

import java.util.List;
import java.util.Objects;

/**
 * One LibreOffice document of a recorded session, ready to replay: which application it was in, the
 * steps that replay what was done in it, and where the session saved it. Immutable.
 *
 * @param appId the application: {@code libreoffice-writer}, {@code libreoffice-calc}
 * @param frameId Understudy's id of the document's frame in the session; empty when not recorded
 * @param factory the new document to replay into: {@link UnoReplay#WRITER} or {@link UnoReplay#CALC}
 * @param steps the steps, in order
 * @param savedUrl the {@code file:} URL the session last saved the document to; empty when it never saved it
 * @param openedUrl the file the session opened the document from (a replay into a new document starts
 *     without its content, so its text is not the saved one); empty for a document created in the session
 */
public record ReplayDocument(String appId, String frameId, String factory, List<ReplayStep> steps, String savedUrl,
    String openedUrl) {
  public ReplayDocument {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(frameId, "frameId");
    Objects.requireNonNull(factory, "factory");
    steps = List.copyOf(steps);
    Objects.requireNonNull(savedUrl, "savedUrl");
    Objects.requireNonNull(openedUrl, "openedUrl");
  }
}
