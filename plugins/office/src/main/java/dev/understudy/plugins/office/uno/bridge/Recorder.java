package dev.understudy.plugins.office.uno.bridge;

import com.sun.star.beans.PropertyValue;
import com.sun.star.frame.XDispatch;
import com.sun.star.frame.XDispatchRecorder;
import com.sun.star.frame.XDispatchRecorderSupplier;
import com.sun.star.frame.XFrame;
import com.sun.star.lib.uno.helper.WeakBase;
import com.sun.star.util.URL;

/**
 * The dispatch recorder (and its supplier) placed in one frame's {@code DispatchRecorderSupplier}
 * property: LibreOffice hands it every command it executes on the person's behalf, with arguments —
 * the same stream the macro recorder writes Basic from. Each callback only copies its values and hands
 * them to the frame's hooks; it never calls LibreOffice. Never implements {@code XIndexReplace}, so
 * typed characters arrive one {@code .uno:InsertText} at a time instead of merged into the last one.
 */
final class Recorder extends WeakBase implements XDispatchRecorderSupplier, XDispatchRecorder {
  private final FrameHooks hooks;

  Recorder(FrameHooks hooks) {
    this.hooks = hooks;
  }

  @Override
  public void recordDispatch(URL url, PropertyValue[] arguments) {
    hooks.recorded(url.Complete, arguments, false);
  }

  @Override
  public void recordDispatchAsComment(URL url, PropertyValue[] arguments) {
    hooks.recorded(url.Complete, arguments, true);
  }

  @Override
  public void startRecording(XFrame frame) {
    // nothing to prepare
  }

  @Override
  public void endRecording() {
    hooks.recordingEnded();
  }

  @Override
  public String getRecordedMacro() {
    // LibreOffice asks when recording stops and would store a Basic macro: there is none.
    return "";
  }

  @Override
  public void setDispatchRecorder(XDispatchRecorder recorder) {
    // this supplier always hands out itself
  }

  @Override
  public XDispatchRecorder getDispatchRecorder() {
    return this;
  }

  @Override
  public void dispatchAndRecord(URL url, PropertyValue[] arguments, XDispatch dispatch) {
    // Never call back into LibreOffice from its own call: dispatch later, on the capture thread.
    hooks.dispatchLater(dispatch, url, arguments);
    hooks.recorded(url.Complete, arguments, false);
  }
}
