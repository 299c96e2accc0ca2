/**
 * The privacy policy: which apps, windows, sites and files may be recorded and which kinds of data
 * may be kept, read from a YAML file or the built-in defaults, and the pipeline stage that enforces it.
 */
package dev.understudy.core.policy;
