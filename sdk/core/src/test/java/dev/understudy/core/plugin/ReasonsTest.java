package dev.understudy.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class ReasonsTest {

  @Test
  void joinsTheChainOnOneLineSkippingEmptyWrappers() {
    Throwable error = new RuntimeException("cannot start",
        new InvocationTargetException(new ExceptionInInitializerError(new IllegalStateException("bad\nconfig"))));

    assertThat(Reasons.of(error)).isEqualTo("cannot start: static initializer failed: bad config");
  }

  @Test
  void namesAnExceptionWithoutMessageByItsClass() {
    assertThat(Reasons.of(new NullPointerException())).isEqualTo("NullPointerException");
  }

  @Test
  void dropsAMessageThatOnlyRepeatsItsCause() {
    IOException cause = new IOException("disk full");

    assertThat(Reasons.of(new RuntimeException(cause))).isEqualTo("disk full");
  }
}
