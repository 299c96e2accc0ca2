package dev.understudy.plugins.office.desktop;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.GridLayout;
import java.awt.Point;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * A small Swing application for the desktop end-to-end tests, run in a JVM of its own. Once its
 * frame is shown it prints {@code READY name=x,y,w,h ...} with the bounds of its controls relative to
 * the frame (so the test can click them with xdotool, see {@link Xvfb#clickIn}); the Address dialog
 * prints {@code DIALOG ...} the same way.
 * It prints {@code SUBMITTED} when Submit is pressed, {@code FOCUS <name>} when a named control gets
 * the keyboard focus, and exits when the frame closes.
 */
public final class DemoSwingApp {
  /** The frame's title. */
  public static final String TITLE = "Understudy Swing Demo";
  /** The dialog's title. */
  public static final String DIALOG = "Address";
  private static final Point FRAME_AT = new Point(40, 40);
  private static final Point DIALOG_AT = new Point(80, 300);

  private DemoSwingApp() {}

  public static void main(String[] args) {
    SwingUtilities.invokeLater(DemoSwingApp::show);
  }

  private static void show() {
    JFrame frame = new JFrame(TITLE);
    frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);

    JMenuBar bar = new JMenuBar();
    JMenu file = new JMenu("File");
    file.setMnemonic(KeyEvent.VK_F);
    JMenuItem export = new JMenuItem("Export");
    export.setMnemonic(KeyEvent.VK_E);
    export.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_E, InputEvent.CTRL_DOWN_MASK));
    JMenuItem address = new JMenuItem("Address...");
    address.setMnemonic(KeyEvent.VK_A);
    file.add(export);
    file.add(address);
    bar.add(file);
    frame.setJMenuBar(bar);

    JPanel form = new JPanel(new GridLayout(0, 2, 8, 8));
    JTextField name = new JTextField(20);
    name.setName("name");
    JPasswordField password = new JPasswordField(20);
    password.setName("password");
    JCheckBox subscribe = new JCheckBox("Subscribe");
    JComboBox<String> country = new JComboBox<>(new String[] {"France", "Germany", "Spain"});
    JButton submit = new JButton("Submit");
    submit.setName("submit");
    submit.addActionListener(e -> System.out.println("SUBMITTED"));
    // The name field's length after each change: tests wait for typing to have arrived before acting on it.
    name.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
      @Override
      public void insertUpdate(javax.swing.event.DocumentEvent e) {
        System.out.println("NAME-LENGTH " + e.getDocument().getLength());
      }

      @Override
      public void removeUpdate(javax.swing.event.DocumentEvent e) {
        System.out.println("NAME-LENGTH " + e.getDocument().getLength());
      }

      @Override
      public void changedUpdate(javax.swing.event.DocumentEvent e) {
      }
    });
    country.addItemListener(e -> {
      if (e.getStateChange() == java.awt.event.ItemEvent.SELECTED) {
        System.out.println("COUNTRY " + e.getItem());
      }
    });
    form.add(label("Name:", name));
    form.add(name);
    form.add(label("Password:", password));
    form.add(password);
    form.add(new JLabel(""));
    form.add(subscribe);
    form.add(label("Country:", country));
    form.add(country);
    form.add(new JLabel(""));
    form.add(submit);
    frame.getContentPane().add(form, BorderLayout.CENTER);
    address.addActionListener((ActionEvent e) -> openAddress(frame));

    frame.pack();
    frame.setLocation(FRAME_AT);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowOpened(WindowEvent e) {
        SwingUtilities.invokeLater(() -> report(frame, "READY", Map.of("frame", frame.getContentPane(), "name", name,
            "password", password, "subscribe", subscribe, "country", country, "submit", submit)));
      }
    });
    java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().addPropertyChangeListener("focusOwner", e -> {
      if (e.getNewValue() instanceof JComponent c && c.getName() != null) {
        System.out.println("FOCUS " + c.getName());
      }
    });
    frame.setVisible(true);
  }

  private static JLabel label(String text, JComponent field) {
    JLabel label = new JLabel(text);
    label.setLabelFor(field);
    return label;
  }

  private static void openAddress(JFrame owner) {
    JDialog dialog = new JDialog(owner, DIALOG, true);
    JComboBox<String> city = new JComboBox<>(new String[] {"Paris", "Lyon", "Nice"});
    JButton ok = new JButton("OK");
    ok.addActionListener(e -> dialog.dispose());
    JPanel p = new JPanel(new GridLayout(0, 2, 8, 8));
    p.add(label("City:", city));
    p.add(city);
    p.add(new JLabel(""));
    p.add(ok);
    dialog.getContentPane().add(p);
    dialog.pack();
    dialog.setLocation(DIALOG_AT);
    dialog.addWindowListener(new WindowAdapter() {
      @Override
      public void windowOpened(WindowEvent e) {
        SwingUtilities.invokeLater(() -> report(dialog, "DIALOG", Map.of("city", city, "ok", ok)));
      }
    });
    dialog.setVisible(true);
  }

  /**
   * Prints the controls' bounds relative to their window. Without a window manager the toolkit can
   * believe a window is at the origin for a while after it opened, so screen coordinates from the
   * application are not trusted; the test adds the window's position as the X server knows it.
   */
  private static void report(java.awt.Window window, String tag, Map<String, Component> components) {
    StringBuilder line = new StringBuilder(tag);
    Point origin = window.getLocationOnScreen();
    for (Map.Entry<String, Component> e : new LinkedHashMap<>(components).entrySet()) {
      Component c = e.getValue();
      Point p = c.getLocationOnScreen();
      p.translate(-origin.x, -origin.y);
      line.append(' ').append(e.getKey()).append('=').append(p.x).append(',').append(p.y).append(',')
          .append(c.getWidth()).append(',').append(c.getHeight());
    }
    System.out.println(line);
    System.out.flush();
  }
}
