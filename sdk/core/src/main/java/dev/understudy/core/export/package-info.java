/** Turning stored sessions into files that training code and people read: JSON lines. */
package dev.understudy.core.export;
