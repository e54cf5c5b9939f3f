package dev.patina.stream.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.sql.Select.GroupingElement;
import dev.patina.stream.sql.Select.SelectItem;
import dev.patina.stream.sql.Statement.ColumnConstraintKind;
import dev.patina.stream.sql.Statement.ObjectKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements: DDL (with RisingWave's streaming clauses), DML, queries, session control. */
class StatementTest {

  static <T extends Statement> T s(String sql, Class<T> type) {
    return assertInstanceOf(type, SqlParser.parseOne(sql));
  }

  static Select select(String sql) {
    return assertInstanceOf(Select.class, s(sql, Query.class).body());
  }

  @Test
  void createTableWithColumnsAndConstraints() {
    var t =
        s(
            "create table if not exists s.t (a int primary key, b varchar(10) not null default"
                + " 'x', c numeric(10,2) constraint c_pos check (c > 0), d int as a + 1,"
                + " primary key (a, b), constraint u unique (c),)",
            Statement.CreateTable.class);
    assertTrue(t.ifNotExists());
    assertEquals(List.of("s", "t"), t.name().parts());
    assertEquals(4, t.columns().size());
    var a = t.columns().getFirst();
    assertEquals("a", a.name());
    assertEquals(DataType.Named.of("int"), a.type());
    assertEquals(ColumnConstraintKind.PRIMARY_KEY, a.constraints().getFirst().kind());
    var b = t.columns().get(1);
    assertEquals(
        List.of(ColumnConstraintKind.NOT_NULL, ColumnConstraintKind.DEFAULT),
        b.constraints().stream().map(Statement.ColumnConstraint::kind).toList());
    assertEquals("c_pos", t.columns().get(2).constraints().getFirst().name());
    var d = t.columns().get(3);
    assertEquals(ColumnConstraintKind.GENERATED, d.constraints().getFirst().kind());
    assertEquals(2, t.constraints().size());
    assertEquals(List.of("a", "b"), t.constraints().getFirst().columns());
    assertEquals("u", t.constraints().get(1).name());
    assertFalse(t.appendOnly());
  }

  @Test
  void createTableWithStreamingClauses() {
    var t =
        s(
            "create table t (ts timestamp, v int, watermark for ts as ts - interval '5 minutes')"
                + " append only with (connector = 'kafka', properties.bootstrap.server ="
                + " 'localhost:9092', scan.startup.mode = 'earliest') format plain encode json",
            Statement.CreateTable.class);
    assertTrue(t.appendOnly());
    assertEquals(1, t.watermarks().size());
    assertEquals("ts", t.watermarks().getFirst().column());
    assertInstanceOf(Expr.Binary.class, t.watermarks().getFirst().expr());
    assertEquals(
        List.of("connector", "properties.bootstrap.server", "scan.startup.mode"),
        t.with().stream().map(Statement.SqlOption::name).toList());
    assertEquals("PLAIN", t.formatEncode().format());
    assertEquals("JSON", t.formatEncode().encode());
    var c =
        s(
            "create table t (id int, v int, primary key (id)) on conflict do update if not null"
                + " with version column (v)",
            Statement.CreateTable.class);
    assertEquals(Statement.OnConflict.UPDATE_IF_NOT_NULL, c.onConflict());
    assertEquals(List.of("v"), c.versionColumns());
    assertEquals(
        Statement.OnConflict.UPDATE_FULL,
        s("create table t (a int primary key) on conflict overwrite", Statement.CreateTable.class)
            .onConflict());
    assertEquals(
        Statement.OnConflict.NOTHING,
        s("create table t (a int primary key) on conflict do nothing", Statement.CreateTable.class)
            .onConflict());
    assertTrue(
        s("create table t (*) with (connector = 'x')", Statement.CreateTable.class).wildcard());
    assertInstanceOf(
        Query.class, s("create table t as select 1", Statement.CreateTable.class).asQuery());
  }

  @Test
  void createAndDropViews() {
    var mv =
        s(
            "create materialized view if not exists mv (x) with (a = 1) as select a from t emit on"
                + " window close",
            Statement.CreateView.class);
    assertTrue(mv.materialized() && mv.ifNotExists());
    assertEquals(List.of("x"), mv.columns());
    assertEquals(Statement.EmitMode.ON_WINDOW_CLOSE, mv.emit());
    var v = s("create or replace view v as select 1", Statement.CreateView.class);
    assertFalse(v.materialized());
    assertTrue(v.orReplace());
    assertNull(v.emit());
    var drop = s("drop materialized view if exists a, b cascade", Statement.Drop.class);
    assertEquals(ObjectKind.MATERIALIZED_VIEW, drop.kind());
    assertTrue(drop.ifExists() && drop.cascade());
    assertEquals(2, drop.names().size());
    for (ObjectKind kind : ObjectKind.values()) {
      if (kind != ObjectKind.FUNCTION) {
        assertEquals(kind, s("drop " + kind.sql + " x", Statement.Drop.class).kind());
      }
    }
  }

  @Test
  void createIndex() {
    var i =
        s(
            "create index idx on t (a desc, b) include (c, d) distributed by (a)",
            Statement.CreateIndex.class);
    assertEquals("idx", i.name().name());
    assertEquals("t", i.table().name());
    assertTrue(i.columns().getFirst().descending());
    assertEquals(List.of("c", "d"), i.include());
    assertEquals(1, i.distributedBy().size());
    assertTrue(s("create unique index i on t (a)", Statement.CreateIndex.class).unique());
  }

  @Test
  void sourcesAndSinks() {
    var src =
        s(
            "create source s (id int, ts timestamp, watermark for ts as ts) with (connector ="
                + " 'kafka', topic = 't') format upsert encode avro (schema.registry = 'http://r')"
                + " key encode bytes",
            Statement.CreateSource.class);
    assertEquals(2, src.columns().size());
    assertEquals(1, src.watermarks().size());
    assertEquals("UPSERT", src.formatEncode().format());
    assertEquals("BYTES", src.formatEncode().keyEncode());
    assertEquals("schema.registry", src.formatEncode().options().getFirst().name());
    var sink =
        s("create sink k from mv with (connector = 'blackhole')", Statement.CreateSink.class);
    assertEquals("mv", sink.from().name());
    assertNull(sink.asQuery());
    var into =
        s("create sink k into t (a) as select 1 emit on window close", Statement.CreateSink.class);
    assertEquals("t", into.into().name());
    assertEquals(List.of("a"), into.intoColumns());
    assertEquals(Statement.EmitMode.ON_WINDOW_CLOSE, into.emit());
  }

  @Test
  void dml() {
    var insert =
        s(
            "insert into t (a, b) values (1, default), (2, 3) returning a, *",
            Statement.Insert.class);
    assertEquals(List.of("a", "b"), insert.columns());
    var values = assertInstanceOf(SetExpr.Values.class, insert.source().body());
    assertEquals(2, values.rows().size());
    assertInstanceOf(Expr.Default.class, values.rows().getFirst().get(1));
    assertEquals(2, insert.returning().size());
    assertInstanceOf(
        Select.class, s("insert into t select * from u", Statement.Insert.class).source().body());
    assertInstanceOf(
        Select.class, s("insert into t (select * from u)", Statement.Insert.class).source().body());
    assertNull(s("insert into t default values", Statement.Insert.class).source());
    var update =
        s(
            "update t as x set a = a + 1, (b, c) = (1, 2) where a > 0 returning a",
            Statement.Update.class);
    assertEquals("x", update.alias());
    assertEquals(List.of("b", "c"), update.assignments().get(1).columns());
    assertInstanceOf(Expr.Row.class, update.assignments().get(1).value());
    assertEquals(1, update.returning().size());
    assertNull(s("update t set a = 1", Statement.Update.class).alias());
    var delete = s("delete from t where a is null returning *", Statement.Delete.class);
    assertInstanceOf(Expr.Is.class, delete.where());
    assertInstanceOf(Statement.Flush.class, SqlParser.parseOne("FLUSH"));
  }

  @Test
  void sessionAndTransactions() {
    var set = s("SET RW_IMPLICIT_FLUSH TO true", Statement.SetVariable.class);
    assertEquals("rw_implicit_flush", set.name());
    assertEquals(List.of("true"), set.values());
    assertEquals(
        List.of("1"), s("set streaming_parallelism = 1", Statement.SetVariable.class).values());
    assertEquals(
        List.of(), s("set streaming_parallelism to default", Statement.SetVariable.class).values());
    var tz = s("set time zone 'UTC'", Statement.SetVariable.class);
    assertEquals("timezone", tz.name());
    assertEquals(List.of("UTC"), tz.values());
    assertEquals(
        List.of("public", "$user"),
        s("set search_path = public, \"$user\"", Statement.SetVariable.class).values());
    assertThrows(ParseException.class, () -> SqlParser.parseOne("set a to b, default"));
    assertEquals("all", s("show all", Statement.ShowVariable.class).name());
    assertEquals(
        "enable_two_phase_agg",
        s("SHOW ENABLE_TWO_PHASE_AGG", Statement.ShowVariable.class).name());
    var tables = s("show tables from s like 't%'", Statement.ShowObjects.class);
    assertEquals(Statement.ShowKind.TABLES, tables.kind());
    assertEquals("s", tables.from().name());
    assertEquals("t%", tables.filter().pattern());
    assertEquals(
        Statement.ShowKind.MATERIALIZED_VIEWS,
        s("show materialized views", Statement.ShowObjects.class).kind());
    assertEquals("t", s("show columns from t", Statement.ShowObjects.class).from().name());
    assertThrows(ParseException.class, () -> SqlParser.parseOne("show columns"));
    assertEquals(
        ObjectKind.MATERIALIZED_VIEW,
        s("show create materialized view mv", Statement.ShowCreate.class).kind());
    assertEquals("t", s("describe t", Statement.Describe.class).name().name());
    var explain = s("explain (verbose, type physical) select 1", Statement.Explain.class);
    assertEquals(
        List.of(
            new Statement.ExplainOption("verbose", null),
            new Statement.ExplainOption("type", "physical")),
        explain.options());
    assertInstanceOf(Query.class, explain.statement());
    assertTrue(s("explain analyze select 1", Statement.Explain.class).analyze());
    assertInstanceOf(
        Query.class, s("explain (select 1) union (select 2)", Statement.Explain.class).statement());
    assertEquals(
        List.of("ISOLATION LEVEL SERIALIZABLE", "READ ONLY"),
        s("begin isolation level serializable, read only", Statement.StartTransaction.class)
            .modes());
    assertInstanceOf(Statement.StartTransaction.class, SqlParser.parseOne("start transaction"));
    assertInstanceOf(Statement.Commit.class, SqlParser.parseOne("commit work"));
    assertInstanceOf(Statement.Commit.class, SqlParser.parseOne("end"));
    assertInstanceOf(Statement.Rollback.class, SqlParser.parseOne("abort"));
    assertInstanceOf(
        Statement.SetTransaction.class,
        SqlParser.parseOne("set session characteristics as transaction read write"));
  }

  @Test
  void selectClauses() {
    var sel =
        select(
            "select distinct on (a) a, b as bee, c cee, t.*, * from t where a > 1 group by a, b"
                + " having count(*) > 1 window w as (partition by a)");
    assertTrue(sel.distinct());
    assertEquals(1, sel.distinctOn().size());
    assertEquals(5, sel.items().size());
    assertEquals("bee", ((SelectItem.ExprItem) sel.items().get(1)).alias());
    assertEquals("cee", ((SelectItem.ExprItem) sel.items().get(2)).alias());
    assertEquals("t", ((SelectItem.Wildcard) sel.items().get(3)).qualifier().name());
    assertNull(((SelectItem.Wildcard) sel.items().get(4)).qualifier());
    assertEquals(2, sel.groupBy().size());
    assertInstanceOf(Expr.Binary.class, sel.having());
    assertEquals("w", sel.windows().getFirst().name());
    assertEquals(List.of(), select("select from t").items());
    var except = (SelectItem.Wildcard) select("select * except (a, b) from t").items().getFirst();
    assertEquals(2, except.except().size());
    assertInstanceOf(
        SelectItem.ExprWildcard.class, select("select (x).* from t").items().getFirst());
  }

  @Test
  void groupingSets() {
    var sel =
        select(
            "select 1 from t group by rollup (a, (b, c)), cube (d), grouping sets ((a, b), a, ())");
    var rollup = assertInstanceOf(GroupingElement.Rollup.class, sel.groupBy().get(0));
    assertInstanceOf(GroupingElement.Item.class, rollup.elements().get(0));
    assertEquals(
        2, assertInstanceOf(GroupingElement.Set.class, rollup.elements().get(1)).exprs().size());
    assertInstanceOf(GroupingElement.Cube.class, sel.groupBy().get(1));
    var sets = assertInstanceOf(GroupingElement.GroupingSets.class, sel.groupBy().get(2));
    assertEquals(3, sets.elements().size());
    assertEquals(List.of(), ((GroupingElement.Set) sets.elements().get(2)).exprs());
  }

  @Test
  void joins() {
    var from =
        select(
                "select * from a join b on a.x = b.x left outer join c using (x) cross join d"
                    + " natural full join e")
            .from()
            .getFirst();
    var natural = assertInstanceOf(TableRef.Join.class, from);
    assertEquals(TableRef.JoinKind.FULL, natural.kind());
    assertInstanceOf(TableRef.JoinCondition.Natural.class, natural.condition());
    var cross = assertInstanceOf(TableRef.Join.class, natural.left());
    assertEquals(TableRef.JoinKind.CROSS, cross.kind());
    var using = assertInstanceOf(TableRef.Join.class, cross.left());
    assertEquals(TableRef.JoinKind.LEFT, using.kind());
    assertEquals(List.of("x"), ((TableRef.JoinCondition.Using) using.condition()).columns());
    var inner = assertInstanceOf(TableRef.Join.class, using.left());
    assertEquals(TableRef.JoinKind.INNER, inner.kind());
    assertThrows(ParseException.class, () -> SqlParser.parseOne("select * from a join b"));
    var nested = select("select * from a join (b join c on true) on true").from().getFirst();
    assertInstanceOf(TableRef.Join.class, ((TableRef.Join) nested).right());
    var temporal =
        select("select * from s join v for system_time as of proctime() on s.k = v.k")
            .from()
            .getFirst();
    var right = assertInstanceOf(TableRef.Table.class, ((TableRef.Join) temporal).right());
    assertInstanceOf(Expr.FunctionCall.class, right.asOf());
    assertEquals(
        TableRef.JoinKind.ASOF_LEFT,
        ((TableRef.Join) select("select * from a asof left join b on a.k = b.k").from().getFirst())
            .kind());
  }

  @Test
  void tableFunctionsSubqueriesAndLateral() {
    var from =
        select(
                "select * from tumble(t, ts, interval '1' minute) as w, lateral (select 1) x(y),"
                    + " generate_series(1, 3) with ordinality g, (values (1)) v(a)")
            .from();
    var tumble = assertInstanceOf(TableRef.Function.class, from.get(0));
    assertEquals("tumble", tumble.call().name().name());
    assertEquals(3, tumble.call().args().size());
    assertEquals("w", tumble.alias().name());
    var lateral = assertInstanceOf(TableRef.Derived.class, from.get(1));
    assertTrue(lateral.lateral());
    assertEquals(List.of("y"), lateral.alias().columns());
    assertTrue(assertInstanceOf(TableRef.Function.class, from.get(2)).withOrdinality());
    var values = assertInstanceOf(TableRef.Derived.class, from.get(3));
    assertInstanceOf(SetExpr.Values.class, values.query().body());
    var union = select("select * from ((select 1) union (select 2)) u").from().getFirst();
    assertInstanceOf(SetExpr.SetOperation.class, ((TableRef.Derived) union).query().body());
  }

  @Test
  void setOperationsBindAsInPostgreSql() {
    var q = s("select 1 union select 2 intersect select 3", Query.class);
    var union = assertInstanceOf(SetExpr.SetOperation.class, q.body());
    assertEquals(SetExpr.SetOperator.UNION, union.op());
    assertEquals(
        SetExpr.SetOperator.INTERSECT,
        assertInstanceOf(SetExpr.SetOperation.class, union.right()).op());
    var paren = s("(select 1 union select 2) intersect select 3", Query.class);
    var intersect = assertInstanceOf(SetExpr.SetOperation.class, paren.body());
    assertEquals(SetExpr.SetOperator.INTERSECT, intersect.op());
    var left = s("select 1 except select 2 union all select 3", Query.class);
    var top = assertInstanceOf(SetExpr.SetOperation.class, left.body());
    assertTrue(top.all());
    assertEquals(SetExpr.SetOperator.EXCEPT, ((SetExpr.SetOperation) top.left()).op());
    var limited = s("(select 1 limit 1) union select 2 order by 1", Query.class);
    var op = assertInstanceOf(SetExpr.SetOperation.class, limited.body());
    assertInstanceOf(SetExpr.Parenthesized.class, op.left());
    assertEquals(1, limited.orderBy().size());
    var corresponding = s("select 1 union corresponding by (a) select 2", Query.class);
    assertEquals(List.of("a"), ((SetExpr.SetOperation) corresponding.body()).corresponding());
  }

  @Test
  void orderLimitOffsetFetch() {
    var q = s("select * from t order by a desc nulls last, b limit 10 offset 5", Query.class);
    assertTrue(q.orderBy().getFirst().descending());
    assertEquals(OrderByItem.NullsOrder.LAST, q.orderBy().getFirst().nulls());
    assertEquals(new Expr.NumberLit(Pos.NONE, "10"), q.limit());
    assertEquals(new Expr.NumberLit(Pos.NONE, "5"), q.offset());
    var f = s("select * from t offset 1 rows fetch first 3 rows with ties", Query.class);
    assertTrue(f.fetch().withTies());
    assertNull(s("select 1 limit all", Query.class).limit());
    assertNull(s("select 1 fetch next row only", Query.class).fetch().count());
    assertThrows(ParseException.class, () -> SqlParser.parseOne("select 1 limit 1 limit 2"));
  }

  @Test
  void commonTableExpressions() {
    var q =
        s(
            "with recursive r (n) as (select 1 union all select n + 1 from r), c as changelog"
                + " from mv select * from r, c",
            Query.class);
    assertTrue(q.with().recursive());
    assertEquals(List.of("n"), q.with().ctes().getFirst().columns());
    assertEquals("mv", q.with().ctes().get(1).changelogOf().name());
    assertNull(q.with().ctes().get(1).query());
  }

  @Test
  void scripts() {
    assertEquals(3, SqlParser.parse("select 1; select 2;; select 3;").size());
    assertEquals(List.of(), SqlParser.parse(" ; -- nothing\n;"));
    assertThrows(ParseException.class, () -> SqlParser.parseOne("select 1; select 2"));
    assertThrows(ParseException.class, () -> SqlParser.parseOne(""));
    assertThrows(ParseException.class, () -> SqlParser.parse("select 1 select 2"));
  }
}
