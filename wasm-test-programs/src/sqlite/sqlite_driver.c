/*
 * A small SQLite workload, built natively and for wasm32-wasi from the same source.
 *
 *   sqlite_driver build DIR ROWS   creates DIR/test.db, fills, indexes, queries, updates it
 *   sqlite_driver check DIR        reopens DIR/test.db read-only and summarises it
 *
 * Everything printed is a function of ROWS alone (no paths, times or addresses), so the native
 * and the Wasm runs must print the same bytes and leave the same database file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

static sqlite3 *db;

static void die(const char *what) {
  fprintf(stderr, "sqlite_driver: %s: %s\n", what, sqlite3_errmsg(db));
  exit(2);
}

static void exec(const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "sqlite_driver: %s: %s\n", sql, err ? err : "?");
    exit(2);
  }
}

/* Prints every row of a query as "label|col|col|...". */
static void query(const char *label, const char *sql) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    fputs(label, stdout);
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const unsigned char *t = sqlite3_column_text(st, i);
      printf("|%s", t ? (const char *)t : "NULL");
    }
    putchar('\n');
  }
  if (rc != SQLITE_DONE) die(sql);
  sqlite3_finalize(st);
}

/* A fixed pseudo-random sequence (64-bit LCG, top bits): the same on every platform. */
static uint64_t seed = 0x9E3779B97F4A7C15ull;
static uint32_t next(void) {
  seed = seed * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(seed >> 33);
}

static const char *words[] = {"alpha", "bravo", "charlie", "delta", "echo",   "foxtrot",
                              "golf",  "hotel", "india",   "juliet", "kilo",  "lima",
                              "mike",  "november", "oscar", "papa",  "quebec", "romeo"};
#define NWORDS (sizeof words / sizeof words[0])

static void open_db(const char *dir, int flags) {
  char path[4096];
  snprintf(path, sizeof path, "%s/test.db", dir);
  if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) die("open");
}

static void build(const char *dir, int rows) {
  char path[4096];
  snprintf(path, sizeof path, "%s/test.db", dir);
  remove(path);
  open_db(dir, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  exec("PRAGMA temp_store=MEMORY");
  exec("PRAGMA journal_mode=DELETE");
  exec("CREATE TABLE categories(id INTEGER PRIMARY KEY, label TEXT NOT NULL)");
  exec("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER "
       "REFERENCES categories(id), price REAL, qty INTEGER, tag BLOB)");

  exec("BEGIN");
  sqlite3_stmt *cat;
  if (sqlite3_prepare_v2(db, "INSERT INTO categories VALUES(?, ?)", -1, &cat, NULL)) die("prep");
  for (int i = 0; i < 40; i++) {
    char label[64];
    snprintf(label, sizeof label, "%s-%s", words[i % NWORDS], words[(i * 7 + 3) % NWORDS]);
    sqlite3_bind_int(cat, 1, i);
    sqlite3_bind_text(cat, 2, label, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(cat) != SQLITE_DONE) die("insert category");
    sqlite3_reset(cat);
  }
  sqlite3_finalize(cat);
  exec("COMMIT");

  /* Items in batches of 2000 rows, one transaction each: the journal comes and goes. */
  sqlite3_stmt *ins;
  if (sqlite3_prepare_v2(db, "INSERT INTO items(name, category, price, qty, tag) "
                             "VALUES(?, ?, ?, ?, ?)", -1, &ins, NULL)) die("prep");
  for (int i = 0; i < rows; i++) {
    if (i % 2000 == 0) exec("BEGIN");
    char name[96];
    unsigned char tag[16];
    uint32_t r = next();
    snprintf(name, sizeof name, "%s %s %06d", words[r % NWORDS], words[(r >> 8) % NWORDS], i);
    for (int k = 0; k < 16; k++) tag[k] = (unsigned char)next();
    sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(ins, 2, (int)(next() % 40));
    sqlite3_bind_double(ins, 3, (next() % 100000) / 100.0);
    sqlite3_bind_int(ins, 4, (int)(next() % 1000));
    sqlite3_bind_blob(ins, 5, tag, (int)(next() % 17), SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE) die("insert item");
    sqlite3_reset(ins);
    if (i % 2000 == 1999 || i == rows - 1) exec("COMMIT");
  }
  sqlite3_finalize(ins);

  exec("CREATE INDEX items_category_price ON items(category, price)");
  exec("CREATE UNIQUE INDEX items_name ON items(name)");
  exec("ANALYZE");

  query("count", "SELECT count(*), sum(qty), round(avg(price), 4), min(price), max(price) "
                 "FROM items");
  query("plan", "EXPLAIN QUERY PLAN SELECT * FROM items WHERE category = 7 AND price < 50");
  query("range", "SELECT id, name, price FROM items WHERE category = 7 AND price < 50 "
                 "ORDER BY price, id LIMIT 8");
  query("group", "SELECT c.label, count(*), sum(i.qty), round(avg(i.price), 2) FROM items i "
                 "JOIN categories c ON c.id = i.category GROUP BY c.id ORDER BY 2 DESC, c.id "
                 "LIMIT 10");
  query("like", "SELECT count(*) FROM items WHERE name LIKE 'echo %' OR name GLOB '*golf*'");
  query("window", "SELECT category, name, price, rank FROM (SELECT category, name, price, "
                  "row_number() OVER (PARTITION BY category ORDER BY price DESC, id) AS rank "
                  "FROM items) WHERE rank <= 2 AND category < 4 ORDER BY category, rank");
  query("blob", "SELECT hex(tag), length(tag) FROM items WHERE id IN (1, 2, 3, 5000) "
                "ORDER BY id");
  query("cte", "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20) "
               "SELECT sum(x * x), group_concat(x, ',') FROM n");
  query("json", "SELECT json_object('id', id, 'name', name, 'price', price) FROM items "
                "WHERE id % 3000 = 0 ORDER BY id");
  query("printf", "SELECT printf('%08.3f|%-6s|%x', price, substr(name, 1, 4), qty) FROM items "
                  "WHERE id BETWEEN 100 AND 104");

  exec("BEGIN");
  exec("UPDATE items SET price = round(price * 1.1, 2), qty = qty + 1 WHERE category % 5 = 0");
  exec("DELETE FROM items WHERE qty < 20");
  exec("COMMIT");
  query("after", "SELECT count(*), sum(qty), round(sum(price), 2) FROM items");
  query("distinct", "SELECT count(DISTINCT category), count(DISTINCT substr(name, 1, 5)) "
                    "FROM items");

  /* A failing statement must roll back cleanly. */
  char *err = NULL;
  int rc = sqlite3_exec(db, "INSERT INTO items(name) SELECT name FROM items LIMIT 1", NULL,
                        NULL, &err);
  printf("constraint|%d|%s\n", rc, err ? err : "");
  sqlite3_free(err);

  exec("VACUUM");
  query("integrity", "PRAGMA integrity_check");
  query("pages", "PRAGMA page_count");
  if (sqlite3_close(db) != SQLITE_OK) die("close");
}

static void check(const char *dir) {
  open_db(dir, SQLITE_OPEN_READONLY);
  query("integrity", "PRAGMA integrity_check");
  query("tables", "SELECT type, name, tbl_name FROM sqlite_schema ORDER BY name");
  query("count", "SELECT count(*), sum(qty), round(sum(price), 2) FROM items");
  query("indexed", "SELECT count(*) FROM items WHERE category = 11 AND price > 500");
  query("last", "SELECT id, name FROM items ORDER BY name DESC LIMIT 3");
  if (sqlite3_close(db) != SQLITE_OK) die("close");
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "build") == 0) {
    build(argv[2], atoi(argv[3]));
  } else if (argc == 3 && strcmp(argv[1], "check") == 0) {
    check(argv[2]);
  } else {
    fprintf(stderr, "usage: sqlite_driver build DIR ROWS | check DIR\n");
    return 1;
  }
  printf("sqlite %s done\n", sqlite3_libversion());
  return 0;
}
