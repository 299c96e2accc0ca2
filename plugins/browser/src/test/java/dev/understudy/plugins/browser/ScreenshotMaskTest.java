package dev.understudy.plugins.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Rectangles in CSS pixels become black device pixels, widened a little, clipped to the image. */
class ScreenshotMaskTest {
  private static byte[] white(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, 0xFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void blacksOutScaledRectanglesWithPaddingAndLeavesTheRest() throws IOException {
    // A 200x100 image of a 100x50 CSS viewport: device pixel ratio 2.
    byte[] masked = ScreenshotMask.blackOut(white(200, 100), List.of(new ScreenshotMask.Rect(10, 10, 20.5, 5)), 100);
    BufferedImage image = decode(masked);
    int pad = ScreenshotMask.PAD_PX;
    for (int y = 20 - pad; y < 30 + pad; y++) {
      for (int x = 20 - pad; x < 61 + pad; x++) {
        assertThat(image.getRGB(x, y) & 0xFFFFFF).as("%d,%d", x, y).isZero();
      }
    }
    assertThat(image.getRGB(20 - pad - 1, 25) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(61 + pad, 25) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(40, 30 + pad) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void clipsRectanglesThatLeaveTheImage() throws IOException {
    BufferedImage image = decode(ScreenshotMask.blackOut(white(50, 50), List.of(new ScreenshotMask.Rect(-10, 40, 100, 100)), 50));
    assertThat(image.getRGB(0, 49) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(49, 49) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(25, 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void refusesBytesThatAreNotAnImage() {
    assertThatThrownBy(() -> ScreenshotMask.blackOut(new byte[] {1, 2, 3}, List.of(), 100))
        .isInstanceOf(IOException.class).hasMessage("the screenshot is not an image");
  }
}
