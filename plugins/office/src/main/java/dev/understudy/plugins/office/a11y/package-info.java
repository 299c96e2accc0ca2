/**
 * What the desktop backends share: role names as ARIA roles, whether observations are on, the
 * bounded event pump from an accessibility API's callback threads to one translating worker, and
 * accessibility-tree snapshots (the capped walk over any API, and when to take them).
 */
package dev.understudy.plugins.office.a11y;
