package dev.patina.stream.plan;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.catalog.TypeNames;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.sql.DataType.Named;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's catalog functions that clients call ({@code pg_get_userbyid}, {@code
 * pg_table_is_visible}, {@code format_type}, {@code pg_get_indexdef} ...) and {@code ::regclass}
 * casts. Their answers depend on the catalog, so the binder builds them as constants or as CASE
 * expressions over the catalog's OIDs.
 */
final class PgFunctions {
  private PgFunctions() {}

  static BoundExpr call(String name, List<BoundExpr> args, Binder binder) {
    return switch (name) {
      case "pg_get_userbyid" -> text(binder.user());
      case "pg_table_is_visible",
          "pg_type_is_visible",
          "has_table_privilege",
          "has_schema_privilege",
          "has_database_privilege",
          "pg_has_role" ->
          new BoundExpr.Literal(true, DataType.BOOLEAN);
      case "pg_encoding_to_char" -> text("UTF8");
      case "current_database" -> text(binder.database());
      case "current_schema" -> text("public");
      case "current_schemas" ->
          new BoundExpr.Literal(
              List.of("pg_catalog", "public"),
              new dev.patina.stream.types.ListType(DataType.VARCHAR));
      case "current_user", "session_user", "user" -> text(binder.user());
      case "version" -> text("PostgreSQL 13.14.0-Patina stream (RisingWave-compatible)");
      case "obj_description",
          "col_description",
          "shobj_description",
          "pg_get_expr",
          "pg_get_viewdef",
          "pg_get_partkeydef" ->
          BoundExpr.Literal.nullOf(DataType.VARCHAR);
      case "format_type" -> formatType(args.get(0));
      case "pg_get_indexdef" -> byOid(args.get(0), binder, true);
      case "pg_get_constraintdef" -> byOid(args.get(0), binder, false);
      default -> null;
    };
  }

  private static BoundExpr text(String s) {
    return new BoundExpr.Literal(s, DataType.VARCHAR);
  }

  private static BoundExpr oid(BoundExpr e) {
    return Casts.cast(e, DataType.INT32, CastContext.EXPLICIT);
  }

  /** format_type(type_oid, typmod): the SQL name of a type OID. */
  private static BoundExpr formatType(BoundExpr typeOid) {
    List<BoundExpr.When> whens = new ArrayList<>();
    for (ScalarType t : ScalarType.values()) {
      if (t == ScalarType.SERIAL) {
        continue;
      }
      whens.add(
          new BoundExpr.When(
              new BoundExpr.Literal(t.oid(), DataType.INT32), text(TypeNames.toSql(t))));
      whens.add(
          new BoundExpr.When(
              new BoundExpr.Literal(t.arrayOid(), DataType.INT32),
              text(TypeNames.toSql(t) + "[]")));
    }
    return Operators.simpleCase(oid(typeOid), whens, text("???"));
  }

  /** pg_get_indexdef / pg_get_constraintdef of the primary keys in the catalog. */
  private static BoundExpr byOid(BoundExpr oid, Binder binder, boolean index) {
    List<BoundExpr.When> whens = new ArrayList<>();
    for (Relation r : binder.catalog().all()) {
      if (r.kind() != RelationKind.TABLE || !r.primaryKeyDeclared()) {
        continue;
      }
      List<String> cols = r.pk().stream().map(i -> r.columns().get(i).name()).toList();
      String list = "(" + String.join(", ", cols) + ")";
      int key = SystemTables.pkIndexOid(r) + (index ? 0 : 1);
      String def =
          index
              ? "CREATE UNIQUE INDEX "
                  + r.name()
                  + "_pkey ON public."
                  + r.name()
                  + " USING btree "
                  + list
              : "PRIMARY KEY " + list;
      whens.add(new BoundExpr.When(new BoundExpr.Literal(key, DataType.INT32), text(def)));
    }
    if (whens.isEmpty()) {
      return BoundExpr.Literal.nullOf(DataType.VARCHAR);
    }
    return Operators.simpleCase(oid(oid), whens, BoundExpr.Literal.nullOf(DataType.VARCHAR));
  }

  /** {@code 'name'::regclass}: the OID of a relation; null if {@code type} is not a reg type. */
  static BoundExpr regCast(dev.patina.stream.sql.DataType type, BoundExpr operand, Binder binder) {
    if (!(type instanceof Named n)) {
      return null;
    }
    String t = n.name().toLowerCase(Locale.ROOT);
    if (!t.equals("regclass")) {
      return null;
    }
    if (!(operand instanceof BoundExpr.UntypedLiteral u) || u.text() == null) {
      return Casts.cast(operand, DataType.INT32, CastContext.EXPLICIT);
    }
    String name = u.text();
    if (name.matches("\\d+")) {
      return new BoundExpr.Literal(Integer.parseInt(name), DataType.INT32);
    }
    String bare = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
    bare = bare.replace("\"", "");
    Integer sys = SystemTables.OIDS.get(bare);
    if (sys != null) {
      return new BoundExpr.Literal(sys, DataType.INT32);
    }
    Relation r = binder.catalog().get("public", bare);
    if (r == null) {
      throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
    }
    return new BoundExpr.Literal(r.id(), DataType.INT32);
  }
}
