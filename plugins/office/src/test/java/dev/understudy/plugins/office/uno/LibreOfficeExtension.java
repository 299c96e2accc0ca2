package dev.understudy.plugins.office.uno;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link LibreOfficeHarness} for a test class: started before its first test, killed after its last
 * (also when tests failed), handed to test methods that take a {@link LibreOfficeHarness} parameter. Use as
 * {@code @RegisterExtension static final LibreOfficeExtension OFFICE = new LibreOfficeExtension("writer");}.
 */
final class LibreOfficeExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
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

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LibreOfficeHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return harness;
  }
}
