package dev.understudy.bench.desktop;

import java.awt.FlowLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * The Swing application the agent benchmark records: a check box (focused) and a button. Prints READY,
 * TOGGLE on a change of the box and PRESS when the button is pressed.
 */
public final class BenchSwingApp {
  static final String TITLE = "Understudy Bench Swing";

  private BenchSwingApp() {}

  public static void main(String[] args) {
    SwingUtilities.invokeLater(() -> {
      JFrame frame = new JFrame(TITLE);
      frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
      frame.getContentPane().setLayout(new FlowLayout());
      JCheckBox toggle = new JCheckBox("Toggle");
      JButton press = new JButton("Press");
      toggle.addItemListener(e -> System.out.println("TOGGLE " + toggle.isSelected()));
      press.addActionListener(e -> System.out.println("PRESS"));
      frame.getContentPane().add(toggle);
      frame.getContentPane().add(press);
      frame.pack();
      frame.setLocation(50, 50);
      frame.setVisible(true);
      toggle.requestFocusInWindow();
      System.out.println("READY");
      System.out.flush();
    });
  }
}
