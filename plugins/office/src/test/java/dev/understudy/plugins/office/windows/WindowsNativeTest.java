package dev.understudy.plugins.office.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import dev.understudy.api.PluginConfig;
import dev.understudy.plugins.office.BackendException;
import dev.understudy.testing.RecordingCaptureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What of the Windows native layers can run anywhere: the COM handler object native code calls
 * (its QueryInterface and its handler slot, called through the same vtable dispatch the backends use
 * for UI Automation), VARIANT decoding, and the clear refusal to start off Windows.
 */
class WindowsNativeTest {
  private static final Guid.GUID HANDLER_IID = Guid.GUID.fromString("{C270F6B5-5C69-4290-9745-7A7F97169468}");

  @Test
  void aJavaComHandlerAnswersQueryInterfaceAndReceivesCallsThroughItsVtable() {
    List<Pointer> seen = new ArrayList<>();
    Com.Handler handler = new Com.Handler(HANDLER_IID, (UiaBackend.FocusCallback) (self, sender) -> {
      seen.add(sender);
      return 0;
    });
    Pointer object = handler.pointer();
    Memory iid = new Memory(16);
    iid.write(0, HANDLER_IID.toByteArray(), 0, 16);
    PointerByReference out = new PointerByReference();
    assertThat(Com.call(object, 0, iid, out)).isEqualTo(Com.S_OK);
    assertThat(out.getValue()).isEqualTo(object);
    iid.write(0, Guid.GUID.fromString("{00000000-0000-0000-C000-000000000046}").toByteArray(), 0, 16);
    assertThat(Com.call(object, 0, iid, out)).isEqualTo(Com.S_OK);
    iid.write(0, Guid.GUID.fromString("{00000000-0000-0000-C000-000000000099}").toByteArray(), 0, 16);
    assertThat(Com.call(object, 0, iid, out)).isEqualTo(Com.E_NOINTERFACE);
    assertThat(out.getValue()).isNull();
    Memory sender = new Memory(8);
    assertThat(Com.call(object, 3, sender)).isZero();
    assertThat(seen).containsExactly(sender);
    Com.addRef(object);
    Com.release(object);
  }

  @Test
  void decodesTheVariantsPropertyChangesCarry() {
    Memory v = new Memory(24);
    v.clear();
    v.setShort(0, (short) 3);
    v.setInt(8, 1);
    assertThat(UiaElements.variantText(v)).isEqualTo("1");
    v.setShort(0, (short) 11);
    v.setShort(8, (short) -1);
    assertThat(UiaElements.variantText(v)).isEqualTo("true");
    v.setShort(8, (short) 0);
    assertThat(UiaElements.variantText(v)).isEqualTo("false");
    v.setShort(0, (short) 5);
    v.setDouble(8, 2.5);
    assertThat(UiaElements.variantText(v)).isEqualTo("2.5");
    v.setShort(0, (short) 0);
    assertThat(UiaElements.variantText(v)).isEmpty();
  }

  @Test
  void refusesToStartOffWindowsSayingWhatToUseInstead() {
    PluginConfig config = PluginConfig.of("adapter.office.", Map.of());
    for (var backend : List.of(new JabBackend(config), new UiaBackend(config))) {
      assertThatThrownBy(() -> backend.start(RecordingCaptureContext.create()))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("on Windows only; this is Linux").hasMessageContaining("atspi, agent and x11");
      backend.stop();
    }
    assertThatThrownBy(() -> new UiaBackend(PluginConfig.of("adapter.office.", Map.of("windows.queue", "3"))))
        .hasMessage("adapter.office.windows.queue: expected at least 16 events, got 3");
  }
}
