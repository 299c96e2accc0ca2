package dev.understudy.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.understudy.proto.v1.Action;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Peer (a): JSON lines written with Jackson, one {@link ActionJson} object per line, through a
 * {@link BufferedOutputStream} over a {@link FileOutputStream}. Every {@link #GROUP} lines it flushes
 * to the OS (that is its acknowledgement) and, when power-safe, forces the file to the device.
 */
final class JsonLinesWriter implements ActionWriter {

  private final Stamper stamper = new Stamper();
  private final FileOutputStream file;
  private final JsonGenerator generator;
  private final ObjectWriter writer;
  private final boolean powerSafe;
  private int sinceCommit;

  JsonLinesWriter(Path path, boolean powerSafe) throws IOException {
    ObjectMapper mapper = ActionJson.mapper();
    this.file = new FileOutputStream(path.toFile());
    this.generator = mapper.getFactory().createGenerator(new BufferedOutputStream(file));
    this.writer = mapper.writerFor(ActionJson.class);
    this.powerSafe = powerSafe;
  }

  @Override
  public boolean write(Action action) throws IOException {
    stamper.next();
    writer.writeValue(generator, ActionJson.of(action, stamper));
    generator.writeRaw('\n');
    if (++sinceCommit == GROUP) {
      acknowledge();
    }
    return true;
  }

  @Override
  public void acknowledge() throws IOException {
    if (sinceCommit == 0) {
      return;
    }
    generator.flush();
    if (powerSafe) {
      file.getChannel().force(false);
    }
    sinceCommit = 0;
  }

  @Override
  public void close() throws IOException {
    acknowledge();
    generator.close();
  }
}
