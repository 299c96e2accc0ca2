package dev.understudy.plugins.office.uno;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LibreOfficeHarness} for a test class: started before its first test, killed after its last
 * (also when tests failed). Use as {@code @RegisterExtension static final LibreOfficeExtension office =
 * new LibreOfficeExtension("writer");}.
 */
final class LibreOfficeExtension implements BeforeAllCallback, AfterAllCallback {
  private final String module;
  private LibreOfficeHarness harness;

  LibreOfficeExtension(String module) {
    this.module = module;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    harness = LibreOfficeHarness.start(module);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (harness != null) {
      harness.close();
    }
  }

  LibreOfficeHarness get() {
    return harness;
  }
}
