package dev.understudy.testing;

import dev.understudy.api.Policy;
import dev.understudy.proto.v1.Capability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link Policy} for tests: allows everything, or exactly the capabilities given. Its hash is the
 * SHA-256 of the sorted capability names, so two equal policies hash alike. Immutable.
 */
public final class TestPolicy implements Policy {

  private final Set<Capability> allowed;
  private final String hash;

  private TestPolicy(Set<Capability> allowed) {
    this.allowed = allowed;
    this.hash = sha256(allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
  }

  /** Allows every capability. */
  public static TestPolicy permissive() {
    Set<Capability> all = EnumSet.allOf(Capability.class);
    all.remove(Capability.CAPABILITY_UNSPECIFIED);
    all.remove(Capability.UNRECOGNIZED);
    return new TestPolicy(all);
  }

  /** Allows only these capabilities. */
  public static TestPolicy allowing(Capability... capabilities) {
    Objects.requireNonNull(capabilities, "capabilities");
    Set<Capability> allowed = EnumSet.noneOf(Capability.class);
    Arrays.stream(capabilities).map(c -> Objects.requireNonNull(c, "capabilities[]")).forEach(allowed::add);
    return new TestPolicy(allowed);
  }

  @Override
  public boolean allows(Capability capability) {
    return allowed.contains(capability);
  }

  @Override
  public String hash() {
    return hash;
  }

  @Override
  public String toString() {
    return "TestPolicy" + allowed;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
