package dev.understudy.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.understudy.proto.v1.Action;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Peer (b): SQLite through xerial sqlite-jdbc in WAL mode, one row per action, a prepared insert,
 * {@link #GROUP} rows per transaction (one {@code executeBatch} and one commit). {@code
 * synchronous=NORMAL} when process-safe (a commit survives the process crashing), {@code FULL} when
 * power-safe (each commit syncs the WAL). The table has no index besides the implicit rowid.
 */
final class SqliteWriter implements ActionWriter {

  static final String TABLE = "CREATE TABLE actions (id TEXT, session_id TEXT, seq INTEGER, "
      + "time_unix_nano INTEGER, app_id TEXT, window_title TEXT, kind TEXT, target_role TEXT, "
      + "target_name TEXT, payload TEXT)";

  private final Stamper stamper = new Stamper();
  private final ObjectWriter payloadWriter = ActionJson.mapper().writerFor(ActionJson.class);
  private final Connection connection;
  private final PreparedStatement insert;
  private int sinceCommit;

  SqliteWriter(Path path, boolean powerSafe) throws SQLException {
    this.connection = DriverManager.getConnection("jdbc:sqlite:" + path);
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=" + (powerSafe ? "FULL" : "NORMAL"));
      s.execute(TABLE);
    }
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement("INSERT INTO actions VALUES (?,?,?,?,?,?,?,?,?,?)");
  }

  @Override
  public boolean write(Action action) throws Exception {
    stamper.next();
    ActionJson json = ActionJson.of(action, stamper);
    insert.setString(1, json.id());
    insert.setString(2, json.sessionId());
    insert.setLong(3, json.seq());
    insert.setLong(4, json.timeUnixNano());
    insert.setString(5, json.source().appId());
    insert.setString(6, json.source().windowTitle());
    insert.setString(7, ActionJson.kindName(action));
    insert.setString(8, json.target() == null ? null : json.target().role());
    insert.setString(9, json.target() == null ? null : json.target().name());
    insert.setString(10, payloadWriter.writeValueAsString(json.payload()));
    insert.addBatch();
    if (++sinceCommit == GROUP) {
      acknowledge();
    }
    return true;
  }

  @Override
  public void acknowledge() throws SQLException {
    if (sinceCommit > 0) {
      insert.executeBatch();
      connection.commit();
      sinceCommit = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      acknowledge();
      connection.setAutoCommit(true);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    } finally {
      connection.close();
    }
  }
}
