package dev.understudy.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.privacy.Texts;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralSetTest {

  @Test
  void findsEachLiteralExactlyWhereContainsIgnoreCaseDoes() {
    List<String> literals = List.of(".env", ".ssh", "id_rsa", "credentials.json", "keepass", "incognito",
        "private browsing", "stra\u00DFe", "\u00E9t\u00E9", "bank", "s");
    List<String> values = List.of("/home/a/.ENV", "C:/Users/a/.Ssh/ID_RSA.pub", "/srv/Credentials.JSON",
        "org.keepassxc.KeePassXC", "New \u0130ncognito tab", "Private Browsing", "\u017Fecret", "STRASSE", "\u00C9T\u00C9",
        "\u212Aeepass", "my-bank", "", "x", "\u30D5\u30A1\u30A4\u30EB.env");
    LiteralSet set = new LiteralSet(literals);
    for (String value : values) {
      long found = set.find(value);
      for (int k = 0; k < literals.size(); k++) {
        assertThat((found & (1L << k)) != 0).as("%s in %s", literals.get(k), value)
            .isEqualTo(Texts.containsIgnoreCase(value, literals.get(k)));
      }
    }
  }
}
