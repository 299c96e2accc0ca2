package dev.understudy.plugins.office.uno;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.io.File;
import javax.imageio.ImageIO;

/** Writes a PNG of the whole screen of $DISPLAY: run in a child JVM by {@link LibreOfficeHarness#screenshot}. */
final class Screenshot {
  private Screenshot() {}

  public static void main(String[] args) throws Exception {
    Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
    ImageIO.write(new Robot().createScreenCapture(screen), "png", new File(args[0]));
  }
}
