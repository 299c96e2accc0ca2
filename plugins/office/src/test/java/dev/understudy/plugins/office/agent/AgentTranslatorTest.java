package dev.understudy.plugins.office.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.understudy.proto.v1.Action;
import dev.understudy.proto.v1.Bounds;
import dev.understudy.proto.v1.ContextElement;
import dev.understudy.proto.v1.InvokeMethod;
import dev.understudy.proto.v1.Locator;
import dev.understudy.proto.v1.ValueKind;
import org.junit.jupiter.api.Test;

class AgentTranslatorTest {
  private final AgentTranslator translator = new AgentTranslator();
  private final ObjectMapper json = new ObjectMapper();

  private Action translate(String event) throws Exception {
    JsonNode node = json.readTree(event.replace('\'', '"'));
    return translator.translate(node, "hello-app").orElseThrow();
  }

  @Test
  void aMenuItemBecomesAnInvokeWithItsMenuPathAndTarget() throws Exception {
    Action a = translate("{'type':'event','seq':11,'kind':'invoke','time':1700000000000000000,'app':'demo-App',"
        + "'window':'Report','target':{'role':'menu item','name':'Export','testId':'export','path':'popup menu/menu item[name=Export]',"
        + "'bounds':[10,20,80,18],'context':[{'role':'frame','name':'Report'}]},"
        + "'body':{'method':'menu','menuPath':['File','Export'],'checked':true}}");
    assertThat(a.getTimeUnixNano()).isEqualTo(1700000000000000000L);
    assertThat(a.getSource().getAppId()).isEqualTo("demo-App");
    assertThat(a.getSource().getWindowTitle()).isEqualTo("Report");
    assertThat(a.getInvoke().getMethod()).isEqualTo(InvokeMethod.INVOKE_METHOD_MENU);
    assertThat(a.getInvoke().getMenuPathList()).containsExactly("File", "Export");
    assertThat(a.getTarget().getRole()).isEqualTo("menuitem");
    assertThat(a.getTarget().getName()).isEqualTo("Export");
    assertThat(a.getTarget().getLocatorsList()).containsExactly(Locator.newBuilder().setTestId("export").build(),
        Locator.newBuilder().setAccessibilityPath("popup menu/menu item[name=Export]").build());
    assertThat(a.getTarget().getContextList()).containsExactly(ContextElement.newBuilder().setRole("window").setName("Report").build());
    assertThat(a.getTarget().getBounds()).isEqualTo(Bounds.newBuilder().setXPx(10).setYPx(20).setWidthPx(80).setHeightPx(18).build());
    assertThat(a.getAttributesList()).extracting(x -> x.getKey() + "=" + x.getValue())
        .containsExactly("agent.seq=11", "agent.role=menu item", "agent.checked=true");
  }

  @Test
  void aSecureFieldNeverCarriesAValueEvenWhenTheFrameHasOne() throws Exception {
    Action flagged = translate("{'type':'event','seq':1,'kind':'value','time':1,'target':{'role':'text','name':'PIN','secure':true},"
        + "'body':{'valueKind':'text','value':'1234','previous':'12'}}");
    Action byRole = translate("{'type':'event','seq':2,'kind':'value','time':1,'target':{'role':'password text','name':'Password:'},"
        + "'body':{'valueKind':'text','value':'hunter2'}}");
    for (Action a : new Action[] {flagged, byRole}) {
      assertThat(a.getTarget().getSecure()).isTrue();
      assertThat(a.getValueChange().getValueOmitted()).isTrue();
      assertThat(a.getValueChange().getValue()).isEmpty();
      assertThat(a.getValueChange().getPreviousValue()).isEmpty();
      assertThat(a.toString()).doesNotContain("1234").doesNotContain("hunter2");
    }
    assertThat(byRole.getTarget().getRole()).isEqualTo("textbox");
  }

  @Test
  void valuesKeepTheirKindAndTheAppFallsBackToTheHello() throws Exception {
    Action text = translate("{'type':'event','seq':1,'kind':'value','time':1,'target':{'role':'text','name':'Name:','label':'Name:'},"
        + "'body':{'valueKind':'text','value':'Ada','previous':'A'}}");
    assertThat(text.getSource().getAppId()).isEqualTo("hello-app");
    assertThat(text.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_TEXT);
    assertThat(text.getValueChange().getValue()).isEqualTo("Ada");
    assertThat(text.getValueChange().getPreviousValue()).isEqualTo("A");
    assertThat(text.getTarget().getLocatorsList()).containsExactly(Locator.newBuilder().setLabel("Name:").build());
    Action checked = translate("{'type':'event','seq':2,'kind':'value','time':1,'target':{'role':'check box','name':'Bold'},"
        + "'body':{'valueKind':'checked','value':'false'}}");
    assertThat(checked.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_CHECKED);
    assertThat(checked.getTarget().getRole()).isEqualTo("checkbox");
    Action option = translate("{'type':'event','seq':3,'kind':'value','time':1,'target':{'role':'combo box','name':'Country'},"
        + "'body':{'valueKind':'option','value':'France'}}");
    assertThat(option.getValueChange().getValueKind()).isEqualTo(ValueKind.VALUE_KIND_OPTION);
    assertThat(option.getTarget().getRole()).isEqualTo("combobox");
  }

  @Test
  void windowActivationIsAWindowSwitchAndFocusNamesWhereItCameFrom() throws Exception {
    Action w = translate("{'type':'event','seq':4,'kind':'window','time':1,'app':'demo-App','window':'Address',"
        + "'target':{'role':'dialog','name':'Address'},'body':{'to':{'title':'Address','role':'dialog'},'opened':true,"
        + "'from':{'title':'Report','role':'frame'}}}");
    assertThat(w.getWindowSwitch().getFrom().getTitle()).isEqualTo("Report");
    assertThat(w.getWindowSwitch().getTo().getTitle()).isEqualTo("Address");
    assertThat(w.getWindowSwitch().getTo().getAppId()).isEqualTo("demo-App");
    assertThat(w.getAttributesList()).anyMatch(x -> x.getKey().equals("agent.window.opened"));
    Action f = translate("{'type':'event','seq':5,'kind':'focus','time':1,'target':{'role':'combo box','name':'City:'},"
        + "'body':{'previous':{'role':'push button','name':'OK'}}}");
    assertThat(f.getFocus().getPreviousRole()).isEqualTo("button");
    assertThat(f.getFocus().getPreviousName()).isEqualTo("OK");
  }

  @Test
  void anUnknownKindTranslatesToNothing() throws Exception {
    assertThat(translator.translate(json.readTree("{\"type\":\"event\",\"kind\":\"levitate\"}"), "x")).isEmpty();
  }
}
