// The SQLite benchmark program: the workload of wasm-test-programs' sqlite_driver.c (inserts in a
// transaction, two indexes, ANALYZE, joins, grouping, LIKE/GLOB, window functions, JSON, printf,
// updates and deletes) on an in-memory database, as run(n) with n rows, returning a checksum of
// every value the queries produce. Compiled with the SQLite amalgamation of npm better-sqlite3@12
// to a WASI reactor (exports _initialize and run) and natively with gcc -O2; see build.sh.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sqlite3.h"

static sqlite3 *db;
static uint32_t hash;
static int failed;

static void mix(const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) hash = (hash ^ b[i]) * 16777619u;
}

static void exec(const char *sql) {
  if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) failed = 1;
}

static void query(const char *sql) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
    failed = 1;
    return;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const unsigned char *t = sqlite3_column_text(st, i);
      if (t) mix(t, strlen((const char *)t));
      mix("|", 1);
    }
  }
  sqlite3_finalize(st);
}

static uint64_t seed;
static uint32_t next(void) {
  seed = seed * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(seed >> 33);
}

static const char *words[] = {"alpha", "bravo", "charlie", "delta", "echo",     "foxtrot",
                              "golf",  "hotel", "india",   "juliet", "kilo",    "lima",
                              "mike",  "november", "oscar", "papa",  "quebec", "romeo"};
#define NWORDS (sizeof words / sizeof words[0])

__attribute__((visibility("default"))) int run(int rows) {
  hash = 2166136261u;
  failed = 0;
  seed = 0x9E3779B97F4A7C15ull;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return -1;
  exec("CREATE TABLE categories(id INTEGER PRIMARY KEY, label TEXT NOT NULL)");
  exec("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER "
       "REFERENCES categories(id), price REAL, qty INTEGER, tag BLOB)");
  exec("BEGIN");
  sqlite3_stmt *st;
  sqlite3_prepare_v2(db, "INSERT INTO categories VALUES(?, ?)", -1, &st, NULL);
  for (int i = 0; i < 40; i++) {
    char label[64];
    snprintf(label, sizeof label, "%s-%s", words[i % NWORDS], words[(i * 7 + 3) % NWORDS]);
    sqlite3_bind_int(st, 1, i);
    sqlite3_bind_text(st, 2, label, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) failed = 1;
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db, "INSERT INTO items(name, category, price, qty, tag) VALUES(?, ?, ?, ?, ?)",
                     -1, &st, NULL);
  for (int i = 0; i < rows; i++) {
    char name[96];
    unsigned char tag[16];
    uint32_t r = next();
    snprintf(name, sizeof name, "%s %s %06d", words[r % NWORDS], words[(r >> 8) % NWORDS], i);
    for (int k = 0; k < 16; k++) tag[k] = (unsigned char)next();
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, (int)(next() % 40));
    sqlite3_bind_double(st, 3, (next() % 100000) / 100.0);
    sqlite3_bind_int(st, 4, (int)(next() % 1000));
    sqlite3_bind_blob(st, 5, tag, (int)(next() % 17), SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) failed = 1;
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  exec("COMMIT");
  exec("CREATE INDEX items_category_price ON items(category, price)");
  exec("CREATE UNIQUE INDEX items_name ON items(name)");
  exec("ANALYZE");
  query("SELECT count(*), sum(qty), round(avg(price), 4), min(price), max(price) FROM items");
  query("SELECT id, name, price FROM items WHERE category = 7 AND price < 50 "
        "ORDER BY price, id LIMIT 8");
  query("SELECT c.label, count(*), sum(i.qty), round(avg(i.price), 2) FROM items i "
        "JOIN categories c ON c.id = i.category GROUP BY c.id ORDER BY 2 DESC, c.id LIMIT 10");
  query("SELECT count(*) FROM items WHERE name LIKE 'echo %' OR name GLOB '*golf*'");
  query("SELECT category, name, price, rank FROM (SELECT category, name, price, "
        "row_number() OVER (PARTITION BY category ORDER BY price DESC, id) AS rank "
        "FROM items) WHERE rank <= 2 AND category < 4 ORDER BY category, rank");
  query("SELECT hex(tag), length(tag) FROM items WHERE id IN (1, 2, 3, 500) ORDER BY id");
  query("SELECT json_object('id', id, 'name', name, 'price', price) FROM items "
        "WHERE id % 300 = 0 ORDER BY id");
  query("SELECT printf('%08.3f|%-6s|%x', price, substr(name, 1, 4), qty) FROM items "
        "WHERE id BETWEEN 100 AND 104");
  query("SELECT category, count(*), sum(qty) FROM items WHERE price BETWEEN 100 AND 300 "
        "GROUP BY category ORDER BY category");
  exec("BEGIN");
  exec("UPDATE items SET price = round(price * 1.1, 2), qty = qty + 1 WHERE category % 5 = 0");
  exec("DELETE FROM items WHERE qty < 20");
  exec("COMMIT");
  query("SELECT count(*), sum(qty), round(sum(price), 2) FROM items");
  query("SELECT count(DISTINCT category), count(DISTINCT substr(name, 1, 5)) FROM items");
  sqlite3_close(db);
  return failed ? -2 : (int)(hash & 0x7fffffff);
}
