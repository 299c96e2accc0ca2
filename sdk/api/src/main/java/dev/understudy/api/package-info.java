/**
 * What a plugin author compiles against: the extension points an Understudy plugin implements and the
 * context the runtime hands it. Declare this module {@code provided}; the host supplies it, together
 * with {@code com.google.protobuf} and the generated schema classes in {@code dev.understudy.proto.v1}.
 *
 * <p>The runtime owns every instance's lifecycle. PF4J discovers the {@code *Provider} factories
 * ({@link dev.understudy.api.AdapterProvider}, {@link dev.understudy.api.ActionProcessorProvider},
 * {@link dev.understudy.api.SinkProvider}); the runtime calls {@code create} and later starts, stops and
 * closes what it created. Each interface says which thread calls it, whether it may block, and what
 * happens when it throws.
 */
package dev.understudy.api;
