/**
 * The {@code atspi} backend: accessible Linux desktop applications over AT-SPI2 on D-Bus, with
 * narrow event registration, flood control and lazy, cached, time-bounded descriptions.
 */
package dev.understudy.plugins.office.atspi;
