package dev.patina.stream.plan;

import dev.patina.stream.catalog.Catalog;
import dev.patina.stream.catalog.ColumnDesc;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of PostgreSQL's {@code pg_catalog} that clients read (psql's {@code \\d} family,
 * pgjdbc's DatabaseMetaData), computed from the catalog when a query names them. OIDs: a relation's
 * is its catalog id; schemas are PostgreSQL's ({@code pg_catalog} 11, {@code public} 2200); types
 * are their PostgreSQL OIDs.
 */
final class SystemTables {
  private SystemTables() {}

  static final int PG_CATALOG = 11;
  static final int PUBLIC = 2200;
  static final int INFORMATION_SCHEMA = 13000;
  static final int OWNER = 10;

  /** The fixed OIDs of the system tables themselves (for {@code 'pg_class'::regclass}). */
  static final Map<String, Integer> OIDS =
      Map.ofEntries(
          Map.entry("pg_class", 1259),
          Map.entry("pg_namespace", 2615),
          Map.entry("pg_attribute", 1249),
          Map.entry("pg_type", 1247),
          Map.entry("pg_index", 2610),
          Map.entry("pg_am", 2601),
          Map.entry("pg_database", 1262),
          Map.entry("pg_roles", 1260),
          Map.entry("pg_user", 1261),
          Map.entry("pg_description", 2609),
          Map.entry("pg_constraint", 2606),
          Map.entry("pg_attrdef", 2604),
          Map.entry("pg_settings", 12001),
          Map.entry("pg_inherits", 2611),
          Map.entry("pg_proc", 1255),
          Map.entry("pg_collation", 3456),
          Map.entry("pg_policy", 3256),
          Map.entry("pg_statistic_ext", 3381),
          Map.entry("pg_publication", 6104),
          Map.entry("pg_publication_rel", 6106),
          Map.entry("pg_publication_namespace", 6237),
          Map.entry("pg_trigger", 2620),
          Map.entry("pg_rewrite", 2618),
          Map.entry("pg_foreign_table", 3118),
          Map.entry("pg_partitioned_table", 3350),
          Map.entry("pg_depend", 2608),
          Map.entry("pg_tablespace", 1213),
          Map.entry("pg_subscription", 6100));

  static boolean exists(String name) {
    return OIDS.containsKey(name);
  }

  /** The rows of system table {@code name}. */
  static Binder.BoundQuery plan(String name, Catalog catalog, String user) {
    Builder b = new Builder();
    switch (name) {
      case "pg_namespace" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "nspname",
            DataType.VARCHAR,
            "nspowner",
            DataType.INT32,
            "nspacl",
            new ListType(DataType.VARCHAR));
        b.row(PG_CATALOG, "pg_catalog", OWNER, null);
        b.row(PUBLIC, "public", OWNER, null);
        b.row(INFORMATION_SCHEMA, "information_schema", OWNER, null);
        b.row(13001, "rw_catalog", OWNER, null);
      }
      case "pg_class" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "relname",
            DataType.VARCHAR,
            "relnamespace",
            DataType.INT32,
            "reltype",
            DataType.INT32,
            "relowner",
            DataType.INT32,
            "relam",
            DataType.INT32,
            "relkind",
            DataType.VARCHAR,
            "relnatts",
            DataType.INT16,
            "relhasindex",
            DataType.BOOLEAN,
            "relpersistence",
            DataType.VARCHAR,
            "relispartition",
            DataType.BOOLEAN,
            "reltuples",
            DataType.FLOAT32,
            "relpages",
            DataType.INT32,
            "relchecks",
            DataType.INT16,
            "relhasrules",
            DataType.BOOLEAN,
            "relhastriggers",
            DataType.BOOLEAN,
            "relrowsecurity",
            DataType.BOOLEAN,
            "relforcerowsecurity",
            DataType.BOOLEAN,
            "reloptions",
            new ListType(DataType.VARCHAR),
            "reltablespace",
            DataType.INT32,
            "reloftype",
            DataType.INT32,
            "relreplident",
            DataType.VARCHAR,
            "reltoastrelid",
            DataType.INT32,
            "relacl",
            new ListType(DataType.VARCHAR),
            "relpartbound",
            DataType.VARCHAR);
        for (Relation r : catalog.all()) {
          String kind =
              switch (r.kind()) {
                case TABLE -> "r";
                case MATERIALIZED_VIEW -> "m";
                case VIEW -> "v";
                case INDEX -> "i";
                default -> "r";
              };
          pgClassRow(
              b,
              r.id(),
              r.name(),
              PUBLIC,
              r.kind() == RelationKind.INDEX ? 403 : 2,
              kind,
              r.visibleColumns().size(),
              r.kind() == RelationKind.TABLE && r.primaryKeyDeclared(),
              "d");
          if (r.kind() == RelationKind.TABLE && r.primaryKeyDeclared()) {
            pgClassRow(
                b, pkIndexOid(r), r.name() + "_pkey", PUBLIC, 403, "i", r.pk().size(), false, "n");
          }
        }
        for (Map.Entry<String, Integer> e : OIDS.entrySet()) {
          pgClassRow(b, e.getValue(), e.getKey(), PG_CATALOG, 2, "r", 0, false, "d");
        }
      }
      case "pg_am" -> {
        b.cols("oid", DataType.INT32, "amname", DataType.VARCHAR, "amtype", DataType.VARCHAR);
        b.row(2, "heap", "t");
        b.row(403, "btree", "i");
      }
      case "pg_database" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "datname",
            DataType.VARCHAR,
            "datdba",
            DataType.INT32,
            "encoding",
            DataType.INT32,
            "datcollate",
            DataType.VARCHAR,
            "datctype",
            DataType.VARCHAR,
            "datistemplate",
            DataType.BOOLEAN,
            "datallowconn",
            DataType.BOOLEAN,
            "datacl",
            new ListType(DataType.VARCHAR),
            "daticulocale",
            DataType.VARCHAR,
            "datlocprovider",
            DataType.VARCHAR);
        b.row(1, "dev", OWNER, 6, "C", "C", false, true, null, null, "c");
      }
      case "pg_roles", "pg_user" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "rolname",
            DataType.VARCHAR,
            "usename",
            DataType.VARCHAR,
            "usesysid",
            DataType.INT32,
            "rolsuper",
            DataType.BOOLEAN,
            "usesuper",
            DataType.BOOLEAN,
            "rolcanlogin",
            DataType.BOOLEAN);
        b.row(OWNER, user, user, OWNER, true, true, true);
      }
      case "pg_type" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "typname",
            DataType.VARCHAR,
            "typnamespace",
            DataType.INT32,
            "typlen",
            DataType.INT16,
            "typtype",
            DataType.VARCHAR,
            "typelem",
            DataType.INT32,
            "typarray",
            DataType.INT32,
            "typrelid",
            DataType.INT32,
            "typbasetype",
            DataType.INT32,
            "typtypmod",
            DataType.INT32,
            "typnotnull",
            DataType.BOOLEAN,
            "typcollation",
            DataType.INT32,
            "typinput",
            DataType.VARCHAR);
        for (ScalarType t : ScalarType.values()) {
          if (t == ScalarType.SERIAL) {
            continue;
          }
          b.row(
              t.oid(),
              pgName(t),
              PG_CATALOG,
              (short) t.typeLength(),
              "b",
              0,
              t.arrayOid(),
              0,
              0,
              -1,
              false,
              t == ScalarType.VARCHAR ? 100 : 0,
              pgName(t) + "in");
          b.row(
              t.arrayOid(),
              "_" + pgName(t),
              PG_CATALOG,
              (short) -1,
              "b",
              t.oid(),
              0,
              0,
              0,
              -1,
              false,
              0,
              "array_in");
        }
      }
      case "pg_attribute" -> {
        b.cols(
            "attrelid",
            DataType.INT32,
            "attname",
            DataType.VARCHAR,
            "atttypid",
            DataType.INT32,
            "attnum",
            DataType.INT16,
            "attlen",
            DataType.INT16,
            "atttypmod",
            DataType.INT32,
            "attnotnull",
            DataType.BOOLEAN,
            "atthasdef",
            DataType.BOOLEAN,
            "attisdropped",
            DataType.BOOLEAN,
            "attidentity",
            DataType.VARCHAR,
            "attgenerated",
            DataType.VARCHAR,
            "attcollation",
            DataType.INT32,
            "attndims",
            DataType.INT32);
        for (Relation r : catalog.all()) {
          short n = 0;
          for (ColumnDesc c : r.columns()) {
            if (c.hidden()) {
              continue;
            }
            n++;
            boolean key = r.primaryKeyDeclared() && r.pk().contains(r.columnIndex(c.name()));
            b.row(
                r.id(),
                c.name(),
                c.type().oid(),
                n,
                (short) c.type().typeLength(),
                -1,
                key,
                false,
                false,
                "",
                "",
                c.type() == DataType.VARCHAR ? 100 : 0,
                c.type() instanceof ListType ? 1 : 0);
          }
        }
      }
      case "pg_index" -> {
        b.cols(
            "indexrelid",
            DataType.INT32,
            "indrelid",
            DataType.INT32,
            "indnatts",
            DataType.INT16,
            "indisunique",
            DataType.BOOLEAN,
            "indisprimary",
            DataType.BOOLEAN,
            "indisclustered",
            DataType.BOOLEAN,
            "indisvalid",
            DataType.BOOLEAN,
            "indisreplident",
            DataType.BOOLEAN,
            "indkey",
            new ListType(DataType.INT16),
            "indexprs",
            DataType.VARCHAR,
            "indpred",
            DataType.VARCHAR);
        for (Relation r : catalog.all()) {
          if (r.kind() == RelationKind.TABLE && r.primaryKeyDeclared()) {
            List<Object> keys = new ArrayList<>();
            for (int k : r.pk()) {
              keys.add((short) (k + 1));
            }
            b.row(
                pkIndexOid(r),
                r.id(),
                (short) r.pk().size(),
                true,
                true,
                false,
                true,
                false,
                keys,
                null,
                null);
          }
        }
      }
      case "pg_description" -> {
        b.cols(
            "objoid",
            DataType.INT32,
            "classoid",
            DataType.INT32,
            "objsubid",
            DataType.INT32,
            "description",
            DataType.VARCHAR);
      }
      case "pg_constraint" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "conname",
            DataType.VARCHAR,
            "connamespace",
            DataType.INT32,
            "contype",
            DataType.VARCHAR,
            "conrelid",
            DataType.INT32,
            "conindid",
            DataType.INT32,
            "conkey",
            new ListType(DataType.INT16),
            "confrelid",
            DataType.INT32,
            "condeferrable",
            DataType.BOOLEAN,
            "condeferred",
            DataType.BOOLEAN,
            "convalidated",
            DataType.BOOLEAN,
            "conparentid",
            DataType.INT32,
            "conislocal",
            DataType.BOOLEAN,
            "coninhcount",
            DataType.INT32,
            "connoinherit",
            DataType.BOOLEAN,
            "contypid",
            DataType.INT32);
        for (Relation r : catalog.all()) {
          if (r.kind() == RelationKind.TABLE && r.primaryKeyDeclared()) {
            List<Object> keys = new ArrayList<>();
            for (int k : r.pk()) {
              keys.add((short) (k + 1));
            }
            b.row(
                pkIndexOid(r) + 1,
                r.name() + "_pkey",
                PUBLIC,
                "p",
                r.id(),
                pkIndexOid(r),
                keys,
                0,
                false,
                false,
                true,
                0,
                true,
                0,
                true,
                0);
          }
        }
      }
      case "pg_attrdef" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "adrelid",
            DataType.INT32,
            "adnum",
            DataType.INT16,
            "adbin",
            DataType.VARCHAR);
      }
      case "pg_inherits" -> {
        b.cols("inhrelid", DataType.INT32, "inhparent", DataType.INT32, "inhseqno", DataType.INT32);
      }
      case "pg_collation" -> {
        b.cols(
            "oid", DataType.INT32, "collname", DataType.VARCHAR, "collnamespace", DataType.INT32);
        b.row(100, "default", PG_CATALOG);
      }
      case "pg_policy" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "polname",
            DataType.VARCHAR,
            "polrelid",
            DataType.INT32,
            "polcmd",
            DataType.VARCHAR,
            "polpermissive",
            DataType.BOOLEAN,
            "polroles",
            new ListType(DataType.INT32),
            "polqual",
            DataType.VARCHAR,
            "polwithcheck",
            DataType.VARCHAR);
      }
      case "pg_statistic_ext" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "stxrelid",
            DataType.INT32,
            "stxname",
            DataType.VARCHAR,
            "stxnamespace",
            DataType.INT32,
            "stxkeys",
            new ListType(DataType.INT16),
            "stxstattarget",
            DataType.INT32,
            "stxkind",
            new ListType(DataType.VARCHAR));
      }
      case "pg_publication" -> {
        b.cols(
            "oid", DataType.INT32, "pubname", DataType.VARCHAR, "puballtables", DataType.BOOLEAN);
      }
      case "pg_publication_rel" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "prpubid",
            DataType.INT32,
            "prrelid",
            DataType.INT32,
            "prqual",
            DataType.VARCHAR,
            "prattrs",
            new ListType(DataType.INT16));
      }
      case "pg_publication_namespace" -> {
        b.cols("oid", DataType.INT32, "pnpubid", DataType.INT32, "pnnspid", DataType.INT32);
      }
      case "pg_trigger" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "tgrelid",
            DataType.INT32,
            "tgname",
            DataType.VARCHAR,
            "tgisinternal",
            DataType.BOOLEAN,
            "tgenabled",
            DataType.VARCHAR,
            "tgparentid",
            DataType.INT32);
      }
      case "pg_rewrite" -> {
        b.cols(
            "oid",
            DataType.INT32,
            "rulename",
            DataType.VARCHAR,
            "ev_class",
            DataType.INT32,
            "ev_type",
            DataType.VARCHAR,
            "is_instead",
            DataType.BOOLEAN);
      }
      case "pg_foreign_table" -> {
        b.cols(
            "ftrelid",
            DataType.INT32,
            "ftserver",
            DataType.INT32,
            "ftoptions",
            new ListType(DataType.VARCHAR));
      }
      case "pg_partitioned_table" -> {
        b.cols("partrelid", DataType.INT32, "partstrat", DataType.VARCHAR);
      }
      case "pg_depend" -> {
        b.cols(
            "classid",
            DataType.INT32,
            "objid",
            DataType.INT32,
            "objsubid",
            DataType.INT32,
            "refclassid",
            DataType.INT32,
            "refobjid",
            DataType.INT32,
            "refobjsubid",
            DataType.INT32,
            "deptype",
            DataType.VARCHAR);
      }
      case "pg_tablespace" -> {
        b.cols("oid", DataType.INT32, "spcname", DataType.VARCHAR);
        b.row(1663, "pg_default");
      }
      case "pg_subscription" -> {
        b.cols("oid", DataType.INT32, "subname", DataType.VARCHAR);
      }
      case "pg_proc" -> {
        b.cols("oid", DataType.INT32, "proname", DataType.VARCHAR, "pronamespace", DataType.INT32);
      }
      default -> {
        b.cols("name", DataType.VARCHAR, "setting", DataType.VARCHAR);
      }
    }
    return b.build();
  }

  /** The OID of a table's primary-key index (ids are spaced so that id * 2 + 1 is free... ). */
  static int pkIndexOid(Relation r) {
    return 1_000_000 + r.id() * 2;
  }

  /** PostgreSQL's internal type names (format_type prints the SQL ones). */
  static String pgName(ScalarType t) {
    return switch (t) {
      case BOOLEAN -> "bool";
      case INT16 -> "int2";
      case INT32 -> "int4";
      case INT64 -> "int8";
      case FLOAT32 -> "float4";
      case FLOAT64 -> "float8";
      case DECIMAL -> "numeric";
      case VARCHAR -> "varchar";
      case BYTEA -> "bytea";
      case DATE -> "date";
      case TIME -> "time";
      case TIMESTAMP -> "timestamp";
      case TIMESTAMPTZ -> "timestamptz";
      case INTERVAL -> "interval";
      case JSONB -> "jsonb";
      case SERIAL -> "serial";
      case INT256 -> "rw_int256";
      case VARIANT -> "variant";
    };
  }

  /**
   * One pg_class row: what differs between relations, and PostgreSQL's values for a plain permanent
   * relation without options, rules, triggers or row security in the other columns.
   */
  private static void pgClassRow(
      Builder b,
      int oid,
      String name,
      int namespace,
      int accessMethod,
      String kind,
      int columns,
      boolean hasIndex,
      String replicaIdentity) {
    b.row(
        oid,
        name,
        namespace,
        0,
        OWNER,
        accessMethod,
        kind,
        (short) columns,
        hasIndex,
        "p",
        false,
        -1f,
        0,
        (short) 0,
        false,
        false,
        false,
        false,
        null,
        0,
        0,
        replicaIdentity,
        0,
        null,
        null);
  }

  private static final class Builder {
    final List<Field> fields = new ArrayList<>();
    final List<List<BoundExpr>> rows = new ArrayList<>();

    void cols(Object... namesAndTypes) {
      for (int i = 0; i < namesAndTypes.length; i += 2) {
        fields.add(new Field((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]));
      }
    }

    void row(Object... values) {
      List<BoundExpr> r = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        r.add(new BoundExpr.Literal(values[i], fields.get(i).type()));
      }
      rows.add(r);
    }

    Binder.BoundQuery build() {
      return new Binder.BoundQuery(
          new LogicalPlan.Values(rows, fields), fields.stream().map(Field::name).toList());
    }
  }
}
