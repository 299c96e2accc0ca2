package dev.understudy.core.store;

import dev.understudy.api.CaptureClock;
import dev.understudy.proto.v1.Durability;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SessionWriter} writes: durability, segment rotation, clock, and whether it encrypts.
 * Immutable.
 */
public final class StoreOptions {

  /** Default durability: {@link Durability#DURABILITY_PROCESS_SAFE}. */
  public static final Durability DEFAULT_DURABILITY = Durability.DURABILITY_PROCESS_SAFE;
  /** Default size at which a segment is rotated: 64 MiB. */
  public static final long DEFAULT_SEGMENT_MAX_BYTES = 64L << 20;
  /** Default age at which a segment is rotated: 1 hour. */
  public static final Duration DEFAULT_SEGMENT_MAX_AGE = Duration.ofHours(1);
  /** Smallest allowed segment size: 4 KiB. */
  public static final long MIN_SEGMENT_MAX_BYTES = 4096;
  /** Largest allowed segment size: 1 GiB (readers hold a segment's bytes in memory). */
  public static final long MAX_SEGMENT_MAX_BYTES = 1L << 30;
  /** Default bound of each per-segment dictionary (sources, targets): 4096 entries. */
  public static final int DEFAULT_DICTIONARY_MAX_ENTRIES = 4096;

  private final Durability durability;
  private final long segmentMaxBytes;
  private final Duration segmentMaxAge;
  private final CaptureClock clock;
  private final int dictionaryMaxEntries;
  private final StoreKey encryptionKey;

  private StoreOptions(Builder b) {
    this.durability = b.durability;
    this.segmentMaxBytes = b.segmentMaxBytes;
    this.segmentMaxAge = b.segmentMaxAge;
    this.clock = b.clock;
    this.dictionaryMaxEntries = b.dictionaryMaxEntries;
    this.encryptionKey = b.encryptionKey;
  }

  /** The defaults. */
  public static StoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What "acknowledged" means; see {@link SessionWriter}. */
  public Durability durability() {
    return durability;
  }

  public long segmentMaxBytes() {
    return segmentMaxBytes;
  }

  public Duration segmentMaxAge() {
    return segmentMaxAge;
  }

  public CaptureClock clock() {
    return clock;
  }

  public int dictionaryMaxEntries() {
    return dictionaryMaxEntries;
  }

  /** The key sessions are encrypted with; null (the default) writes them in the clear. */
  public StoreKey encryptionKey() {
    return encryptionKey;
  }

  /** Builds {@link StoreOptions}; each setter rejects a bad value naming the parameter. */
  public static final class Builder {
    private Durability durability = DEFAULT_DURABILITY;
    private long segmentMaxBytes = DEFAULT_SEGMENT_MAX_BYTES;
    private Duration segmentMaxAge = DEFAULT_SEGMENT_MAX_AGE;
    private CaptureClock clock = CaptureClock.system();
    private int dictionaryMaxEntries = DEFAULT_DICTIONARY_MAX_ENTRIES;
    private StoreKey encryptionKey;

    private Builder() {}

    /** PROCESS_SAFE or POWER_SAFE; default {@link #DEFAULT_DURABILITY}. */
    public Builder durability(Durability durability) {
      Objects.requireNonNull(durability, "durability");
      if (durability != Durability.DURABILITY_PROCESS_SAFE
          && durability != Durability.DURABILITY_POWER_SAFE) {
        throw new IllegalArgumentException(
            "durability must be DURABILITY_PROCESS_SAFE or DURABILITY_POWER_SAFE, got " + durability);
      }
      this.durability = durability;
      return this;
    }

    /**
     * Size after which the writer starts a new segment; default {@link #DEFAULT_SEGMENT_MAX_BYTES},
     * between {@link #MIN_SEGMENT_MAX_BYTES} and {@link #MAX_SEGMENT_MAX_BYTES}.
     */
    public Builder segmentMaxBytes(long segmentMaxBytes) {
      if (segmentMaxBytes < MIN_SEGMENT_MAX_BYTES || segmentMaxBytes > MAX_SEGMENT_MAX_BYTES) {
        throw new IllegalArgumentException("segmentMaxBytes must be between "
            + MIN_SEGMENT_MAX_BYTES + " and " + MAX_SEGMENT_MAX_BYTES + ", got " + segmentMaxBytes);
      }
      this.segmentMaxBytes = segmentMaxBytes;
      return this;
    }

    /** Age after which the writer starts a new segment; default {@link #DEFAULT_SEGMENT_MAX_AGE}. */
    public Builder segmentMaxAge(Duration segmentMaxAge) {
      Objects.requireNonNull(segmentMaxAge, "segmentMaxAge");
      if (segmentMaxAge.isNegative() || segmentMaxAge.isZero()) {
        throw new IllegalArgumentException("segmentMaxAge must be positive, got " + segmentMaxAge);
      }
      this.segmentMaxAge = segmentMaxAge;
      return this;
    }

    /** Clock for segment age; default {@link CaptureClock#system()}. */
    public Builder clock(CaptureClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Bound of each per-segment dictionary; default {@link #DEFAULT_DICTIONARY_MAX_ENTRIES}; 0
     * turns dictionaries off (sources and targets are written inline).
     */
    public Builder dictionaryMaxEntries(int dictionaryMaxEntries) {
      if (dictionaryMaxEntries < 0 || dictionaryMaxEntries > (1 << 20)) {
        throw new IllegalArgumentException(
            "dictionaryMaxEntries must be between 0 and 1048576, got " + dictionaryMaxEntries);
      }
      this.dictionaryMaxEntries = dictionaryMaxEntries;
      return this;
    }

    /**
     * Encrypts the session at rest with this key (AES-256-GCM per block; see {@code Frames});
     * default none: sessions are written in the clear. Readers then need the same key ({@link
     * SessionStore#withKey}).
     */
    public Builder encryptionKey(StoreKey encryptionKey) {
      this.encryptionKey = Objects.requireNonNull(encryptionKey, "encryptionKey");
      return this;
    }

    public StoreOptions build() {
      return new StoreOptions(this);
    }
  }
}
