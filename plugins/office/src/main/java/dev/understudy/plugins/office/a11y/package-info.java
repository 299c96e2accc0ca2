/**
 * What the desktop backends share: role names as ARIA roles, whether observations are on, and the
 * bounded event pump from an accessibility API's callback threads to one translating worker.
 */
package dev.understudy.plugins.office.a11y;
