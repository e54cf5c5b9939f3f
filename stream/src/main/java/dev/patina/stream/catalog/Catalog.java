package dev.patina.stream.catalog;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.KeyValue;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.state.TableKeys;
import dev.patina.stream.state.WriteBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database's relations by name and id. The catalog lives in the store's metadata table (id 0)
 * under {@code catalog/<id>}; a DDL statement adds its catalog writes to the same {@link
 * WriteBatch} as its data writes, so an object exists on disk exactly when the batch committed, and
 * {@link #apply} changes the in-memory maps only after that commit. Names are unique across kinds
 * within a schema, as in PostgreSQL's pg_class.
 */
public final class Catalog {
  private static final byte[] PREFIX =
      TableKeys.key(TableKeys.META_TABLE_ID, "catalog/".getBytes(StandardCharsets.UTF_8));
  private static final int FIRST_ID = 1001;

  private final Map<Integer, Relation> byId = new ConcurrentHashMap<>();
  private final Map<String, Relation> byName = new ConcurrentHashMap<>();
  private int nextId = FIRST_ID;

  /** Loads the catalog a store holds. */
  public static Catalog load(ReadView view) {
    Catalog c = new Catalog();
    try (CloseableIterator<KeyValue> it = view.scan(PREFIX, TableKeys.prefixEnd(PREFIX))) {
      while (it.hasNext()) {
        Relation r = decode(it.next().value());
        c.put(r);
      }
    }
    return c;
  }

  /** The relation named {@code name} in {@code schema}, or null. */
  public Relation get(String schema, String name) {
    return byName.get(schema + "." + name);
  }

  public Relation get(int id) {
    return byId.get(id);
  }

  /** Every relation, by id. */
  public List<Relation> all() {
    List<Relation> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparingInt(Relation::id));
    return out;
  }

  /** The relations whose definitions read {@code id}. */
  public List<Relation> dependents(int id) {
    return all().stream().filter(r -> r.dependsOn().contains(id)).toList();
  }

  /** A fresh object id (also the relation's state table id). */
  public synchronized int allocateId() {
    return nextId++;
  }

  /** Adds the writes that create {@code r} to {@code batch}; {@link #apply} after commit. */
  public void writeCreate(Relation r, WriteBatch batch) {
    if (get(r.schema(), r.name()) != null) {
      throw new SqlException(
          SqlState.DUPLICATE_TABLE, "relation \"" + r.name() + "\" already exists");
    }
    batch.put(key(r.id()), encode(r));
  }

  /** Adds the writes that drop {@code r} and its rows to {@code batch}. */
  public static void writeDrop(Relation r, WriteBatch batch) {
    batch.delete(key(r.id()));
    if (r.kind().hasStorage()) {
      batch.deleteRange(TableKeys.prefix(r.id()), TableKeys.end(r.id()));
    }
    for (int t : r.stateTables()) {
      batch.deleteRange(TableKeys.prefix(t), TableKeys.end(t));
    }
  }

  /** Makes committed creations and drops visible. */
  public void apply(Collection<Relation> created, Collection<Relation> dropped) {
    for (Relation r : dropped) {
      byId.remove(r.id());
      byName.remove(r.qualifiedName());
    }
    for (Relation r : created) {
      put(r);
    }
  }

  private synchronized void put(Relation r) {
    byId.put(r.id(), r);
    byName.put(r.qualifiedName(), r);
    nextId = Math.max(nextId, r.id() + 1);
    for (int t : r.stateTables()) {
      nextId = Math.max(nextId, t + 1);
    }
  }

  private static byte[] key(int id) {
    byte[] k = new byte[PREFIX.length + 4];
    System.arraycopy(PREFIX, 0, k, 0, PREFIX.length);
    System.arraycopy(TableKeys.prefix(id), 0, k, PREFIX.length, 4);
    return k;
  }

  // Format: a version byte, then fields in record order; types as SQL text (TypeNames).
  static byte[] encode(Relation r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(3);
      out.writeInt(r.id());
      out.writeUTF(r.schema());
      out.writeUTF(r.name());
      out.writeUTF(r.kind().name());
      out.writeInt(r.columns().size());
      for (ColumnDesc c : r.columns()) {
        out.writeUTF(c.name());
        out.writeUTF(TypeNames.toSql(c.type()));
        out.writeBoolean(c.hidden());
      }
      writeInts(out, r.pk());
      out.writeBoolean(r.appendOnly());
      byte[] def = r.definition().getBytes(StandardCharsets.UTF_8);
      out.writeInt(def.length);
      out.write(def);
      writeInts(out, r.dependsOn());
      out.writeBoolean(r.primaryKeyDeclared());
      writeInts(out, r.stateTables());
      out.writeUTF(r.timeZone() == null ? "" : r.timeZone());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Relation decode(byte[] value) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      int version = in.readByte();
      if (version < 1 || version > 3) {
        throw new IllegalStateException("unknown catalog format " + version);
      }
      int id = in.readInt();
      String schema = in.readUTF();
      String name = in.readUTF();
      RelationKind kind = RelationKind.valueOf(in.readUTF());
      int n = in.readInt();
      List<ColumnDesc> cols = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        cols.add(new ColumnDesc(in.readUTF(), TypeNames.parse(in.readUTF()), in.readBoolean()));
      }
      List<Integer> pk = readInts(in);
      boolean appendOnly = in.readBoolean();
      byte[] def = new byte[in.readInt()];
      in.readFully(def);
      List<Integer> deps = readInts(in);
      boolean declared = in.readBoolean();
      List<Integer> stateTables = version >= 2 ? readInts(in) : List.of();
      String zone = version >= 3 ? in.readUTF() : "";
      return new Relation(
          id,
          schema,
          name,
          kind,
          cols,
          pk,
          appendOnly,
          new String(def, StandardCharsets.UTF_8),
          deps,
          declared,
          stateTables,
          zone.isEmpty() ? null : zone);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeInts(DataOutputStream out, List<Integer> xs) throws IOException {
    out.writeInt(xs.size());
    for (int x : xs) {
      out.writeInt(x);
    }
  }

  private static List<Integer> readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<Integer> xs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      xs.add(in.readInt());
    }
    return xs;
  }

  /** Relations by name for SHOW, in name order. */
  public Map<String, Relation> byName(RelationKind kind, String schema) {
    Map<String, Relation> out = new LinkedHashMap<>();
    all().stream()
        .filter(r -> r.kind() == kind && r.schema().equals(schema))
        .sorted(Comparator.comparing(Relation::name))
        .forEach(r -> out.put(r.name(), r));
    return out;
  }
}
