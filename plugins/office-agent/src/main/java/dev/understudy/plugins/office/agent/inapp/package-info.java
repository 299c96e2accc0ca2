/**
 * The Understudy agent, inside a Swing or AWT application: hooks named through
 * {@code javax.accessibility}, and a bounded outbox to the recorder's socket. Depends on the JDK only.
 */
package dev.understudy.plugins.office.agent.inapp;
