package dev.understudy.plugins.office.agent;

import dev.understudy.plugins.office.agent.inapp.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Speaks the agent's side of the wire protocol from a test: hello, then frames of the test's choosing. */
final class FakeAgent implements AutoCloseable {
  private final SocketChannel channel;
  private final OutputStream out;
  private final InputStream in;

  private FakeAgent(SocketChannel channel) {
    this.channel = channel;
    this.out = Channels.newOutputStream(channel);
    this.in = Channels.newInputStream(channel);
  }

  /** Connects without saying anything. */
  static FakeAgent connect(Path socket) throws IOException {
    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
    c.connect(UnixDomainSocketAddress.of(socket));
    return new FakeAgent(c);
  }

  /** Sends a hello for this app and returns the configuration frame the backend answered with. */
  String hello(String app) throws IOException {
    send("{\"type\":\"hello\",\"version\":1,\"pid\":4242,\"java\":\"17\",\"how\":\"premain\",\"app\":\"" + app + "\"}");
    return Wire.readFrame(in, Wire.MAX_FRAME_BYTES);
  }

  void send(String json) throws IOException {
    Wire.writeFrame(out, json);
    out.flush();
  }

  /** Writes raw bytes (a broken frame). */
  void raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
