package dev.understudy.core.store;

import dev.understudy.proto.v1.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a whole session checking it: frame CRCs (through the reader), seqs 1, 2, 3, ... without
 * holes, gap records, and whether the last record is a session_end.
 */
final class SessionVerifier {

  private SessionVerifier() {}

  static VerifyReport verify(SessionId id, SessionReader reader) throws IOException {
    SummaryAccumulator acc = new SummaryAccumulator();
    List<Damage> seqDamage = new ArrayList<>();
    long expected = 1;
    while (reader.hasNext()) {
      Action a = reader.next();
      long seq = a.getSeq();
      if (seq > expected) {
        seqDamage.add(atRecord(reader, Damage.Kind.SEQ_HOLE,
            "seqs " + expected + ".." + (seq - 1) + " missing (" + (seq - expected)
                + " records lost after writing) before seq " + seq));
      } else if (seq < expected) {
        seqDamage.add(atRecord(reader, Damage.Kind.SEQ_OUT_OF_ORDER,
            "seq " + seq + " follows seq " + (expected - 1)));
      }
      expected = Math.max(expected, seq + 1);
      acc.accept(a);
    }
    List<Damage> damage = new ArrayList<>(reader.damage());
    damage.addAll(seqDamage);
    damage.sort(Comparator.comparing(Damage::file).thenComparingLong(Damage::offset));
    return new VerifyReport(id, reader.framesRead(), acc.records, acc.lastSeq, acc.gapRecords,
        acc.droppedCount, acc.endedCleanly, reader.live(), damage);
  }

  private static Damage atRecord(SessionReader r, Damage.Kind kind, String detail) {
    return new Damage(r.recordFile(), r.recordOffset(), r.recordLength(), kind, detail);
  }
}
