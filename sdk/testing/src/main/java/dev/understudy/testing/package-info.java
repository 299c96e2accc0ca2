/**
 * What a plugin author needs to test an Understudy plugin without the runtime:
 * {@link dev.understudy.testing.RecordingCaptureContext} to run an adapter and collect what it emits,
 * {@link dev.understudy.testing.InMemorySink} to collect what a session delivers,
 * {@link dev.understudy.testing.UnderstudyAssertions} for assertions on actions, and
 * {@link dev.understudy.testing.PluginJarBuilder} to build a real PF4J plugin jar from test classes.
 * Depends on the API only. Use it in {@code test} scope.
 */
package dev.understudy.testing;
