package dev.understudy.plugins.office.uno;

import java.util.Objects;

/**
 * Where something happened in LibreOffice: one document frame, as last read from it. Immutable.
 *
 * <p>Public only because the bridge classes are defined by a class loader of their own (see
 * {@link UnoBridge}); not an API for other code.
 *
 * @param frameId Understudy's id for the frame, unique in a session ("1", "2", ...)
 * @param appId the application: {@code libreoffice-writer}, {@code libreoffice-calc}, ...
 * @param windowTitle the frame's title, e.g. {@code report.odt - LibreOffice Writer}
 * @param documentUrl the document's URL, empty while it was never saved
 * @param documentTitle the document's own title, e.g. {@code report.odt} or {@code Untitled 1}
 */
public record FrameContext(String frameId, String appId, String windowTitle, String documentUrl, String documentTitle) {
  /** Application id for a frame whose document kind is not known. */
  public static final String UNKNOWN_APP = "libreoffice";

  public FrameContext {
    Objects.requireNonNull(frameId, "frameId");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(windowTitle, "windowTitle");
    Objects.requireNonNull(documentUrl, "documentUrl");
    Objects.requireNonNull(documentTitle, "documentTitle");
  }
}
