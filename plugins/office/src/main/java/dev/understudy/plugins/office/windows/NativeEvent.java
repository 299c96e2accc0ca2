package dev.understudy.plugins.office.windows;

/**
 * One event as a Windows accessibility API delivered it, before translation: the API's own event name
 * and values, and the element it concerns.
 *
 * @param type the API's event: Access Bridge callback names ({@code "FocusGained"},
 *     {@code "PropertyStateChange"}, {@code "PropertyTextChange"}, {@code "MenuSelected"}, ...), or
 *     UI Automation's ({@code "FocusChanged"}, {@code "Automation:20009"} for an event id,
 *     {@code "Property:30086"} for a property id)
 * @param oldValue the API's old value (Access Bridge state and value changes), or null
 * @param newValue the new value (a state name, a value, a UI Automation VARIANT as text), or null
 * @param element the element
 * @param timeUnixNanos when the native layer received it
 */
public record NativeEvent(String type, String oldValue, String newValue, NativeElement element, long timeUnixNanos) {}
