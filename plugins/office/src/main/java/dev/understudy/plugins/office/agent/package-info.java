/**
 * The {@code agent} backend: the recorder's side of the Java accessibility agent — a private
 * Unix-domain socket agents connect to, the translation of their events into actions, and dynamic
 * attach to running Java applications.
 */
package dev.understudy.plugins.office.agent;
