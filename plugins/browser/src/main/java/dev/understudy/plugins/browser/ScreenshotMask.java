package dev.understudy.plugins.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Blacks out rectangles of a PNG screenshot: the secure fields' bounds, which the recorder reports in CSS
 * pixels of the viewport, scaled to the image's device pixels and widened by {@value #PAD_PX} pixels so
 * that no edge of a field (nor a caret or a glyph at its border) survives. Works on the decoded pixels
 * only, so it needs no display ({@code java.awt.headless} is not required).
 */
final class ScreenshotMask {
  /** Device pixels added on every side of a rectangle. */
  static final int PAD_PX = 2;
  private static final int BLACK = 0xFF000000;

  private ScreenshotMask() {}

  /** A rectangle in CSS pixels of the viewport. */
  record Rect(double x, double y, double width, double height) {}

  /**
   * The screenshot with every rectangle black.
   *
   * @param viewportWidth the viewport's width in CSS pixels (the scale is image width / viewport width)
   * @throws IOException when the bytes are not an image
   */
  static byte[] blackOut(byte[] png, List<Rect> rects, double viewportWidth) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    if (image == null) {
      throw new IOException("the screenshot is not an image");
    }
    double scale = viewportWidth > 0 ? image.getWidth() / viewportWidth : 1.0;
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out.setRGB(x, y, image.getRGB(x, y));
      }
    }
    for (Rect r : rects) {
      int x0 = clamp((int) Math.floor(r.x() * scale) - PAD_PX, image.getWidth());
      int y0 = clamp((int) Math.floor(r.y() * scale) - PAD_PX, image.getHeight());
      int x1 = clamp((int) Math.ceil((r.x() + r.width()) * scale) + PAD_PX, image.getWidth());
      int y1 = clamp((int) Math.ceil((r.y() + r.height()) * scale) + PAD_PX, image.getHeight());
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          out.setRGB(x, y, BLACK);
        }
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(png.length);
    if (!ImageIO.write(out, "png", bytes)) {
      throw new IOException("no PNG writer");
    }
    return bytes.toByteArray();
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(v, max));
  }
}
