package dev.understudy.plugins.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Attribute;
import dev.understudy.proto.v1.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java side's own judgement of masked sites, on actions and frame trees written by hand. */
class MaskedSitesTest {
  private static final List<String> BANK = List.of("*.bank.example");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Action on(String document, Attribute... attributes) {
    return Action.newBuilder().setSource(Source.newBuilder().setDocument(document)).addAllAttributes(List.of(attributes)).build();
  }

  private static Attribute attribute(String key, String value) {
    return Attribute.newBuilder().setKey(key).setValue(value).build();
  }

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void anActionIsOnAMaskedSiteByItsDocumentItsTabItsFrameOrTheTranslatorsMark() {
    TabContext shopTab = new TabContext("t1", "Shop", "https://shop.example/");
    assertThat(MaskedSites.action(BANK, on("https://www.bank.example/login"), null)).isTrue();
    assertThat(MaskedSites.action(BANK, on(""), new TabContext("t2", "Bank", "https://www.bank.example/"))).isTrue();
    assertThat(MaskedSites.action(BANK, on("https://shop.example/", attribute("browser.frame.url", "https://pay.bank.example/f")), shopTab)).isTrue();
    assertThat(MaskedSites.action(BANK, on("https://shop.example/", attribute("browser.value.masked", "true")), shopTab)).isTrue();
    assertThat(MaskedSites.action(BANK, on("https://shop.example/", attribute("browser.frame.url", "https://cdn.shop.example/f")), shopTab)).isFalse();
    assertThat(MaskedSites.action(List.of(), on("https://www.bank.example/login"), null)).as("nothing masked").isFalse();
  }

  @Test
  void aFrameTreeIsOnAMaskedSiteWhenAnyFrameDeepDownIs() throws Exception {
    JsonNode clean = tree("{'frame':{'url':'https://shop.example/'},'childFrames':[{'frame':{'url':'https://cdn.shop.example/a'}}]}");
    JsonNode deep = tree("{'frame':{'url':'https://shop.example/'},'childFrames':[{'frame':{'url':'https://cdn.shop.example/a'},"
        + "'childFrames':[{'frame':{'url':'about:blank','unreachableUrl':'https://pay.bank.example/down'}}]}]}");
    JsonNode top = tree("{'frame':{'url':'https://online.bank.example/'}}");
    assertThat(MaskedSites.frameTree(BANK, clean)).isFalse();
    assertThat(MaskedSites.frameTree(BANK, deep)).isTrue();
    assertThat(MaskedSites.frameTree(BANK, top)).isTrue();
  }

  @Test
  void aFrameTreeThatCannotBeReadCountsAsMaskedUnlessNothingIsMasked() {
    assertThat(MaskedSites.frameTree(BANK, null)).isTrue();
    assertThat(MaskedSites.frameTree(BANK, JSON.getNodeFactory().textNode("?"))).isTrue();
    assertThat(MaskedSites.frameTree(List.of(), null)).isFalse();
  }
}
