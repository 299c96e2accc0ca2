package dev.understudy.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Naming, listing and reading of a session's segment files ({@code seg-00000001.log}, ...). */
final class SegmentFiles {

  private static final String PREFIX = "seg-";
  private static final String SUFFIX = ".log";

  private SegmentFiles() {}

  static Path path(Path sessionDir, int number) {
    return sessionDir.resolve(String.format("%s%08d%s", PREFIX, number, SUFFIX));
  }

  /** The segment number in a segment file's name. */
  static int number(Path segment) {
    String name = segment.getFileName().toString();
    return Integer.parseInt(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
  }

  static boolean isSegment(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)
        || name.length() != PREFIX.length() + 8 + SUFFIX.length()) {
      return false;
    }
    for (int i = PREFIX.length(); i < PREFIX.length() + 8; i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The session's segments in write order (their zero-padded names sort that way). */
  static List<Path> list(Path sessionDir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(sessionDir)) {
      for (Path p : ds) {
        if (isSegment(p.getFileName().toString())) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** Reads bytes from {@code from} to the file's current end (at most {@code max} bytes). */
  static byte[] read(Path file, long from, long max) throws StoreException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long n = Math.min(Math.max(0, size - from), max);
      if (n > Integer.MAX_VALUE - 16) {
        throw new StoreException("segment too large to read: " + file + " (" + size + " bytes)");
      }
      byte[] data = new byte[(int) n];
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(data);
      long pos = from;
      while (bb.hasRemaining()) {
        int r = ch.read(bb, pos);
        if (r < 0) {
          break; // shrank while reading (truncated by recovery): what we have is what there is
        }
        pos += r;
      }
      if (bb.hasRemaining()) {
        byte[] shorter = new byte[bb.position()];
        System.arraycopy(data, 0, shorter, 0, shorter.length);
        return shorter;
      }
      return data;
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw new StoreException("cannot read segment " + file + ": " + e, e);
    }
  }

  static long size(Path file) throws StoreException {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StoreException("cannot read segment " + file + ": " + e, e);
    }
  }
}
