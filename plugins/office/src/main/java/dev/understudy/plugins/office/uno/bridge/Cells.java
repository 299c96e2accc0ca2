package dev.understudy.plugins.office.uno.bridge;

/** Spreadsheet cell names from zero-based column and row indexes: (1, 4) is {@code B5}. Stateless. */
final class Cells {
  private Cells() {}

  static String name(int column, int row) {
    StringBuilder letters = new StringBuilder();
    int c = column;
    do {
      letters.insert(0, (char) ('A' + c % 26));
      c = c / 26 - 1;
    } while (c >= 0);
    return letters.toString() + (row + 1);
  }
}
