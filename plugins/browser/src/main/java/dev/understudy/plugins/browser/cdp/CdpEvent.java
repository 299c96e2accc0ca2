package dev.understudy.plugins.browser.cdp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One DevTools event.
 *
 * @param method the event, e.g. {@code Runtime.bindingCalled}
 * @param params its parameters (an empty object when it has none)
 * @param sessionId the flattened target session it came from, or {@code null} for the browser session
 */
public record CdpEvent(String method, JsonNode params, String sessionId) {}
