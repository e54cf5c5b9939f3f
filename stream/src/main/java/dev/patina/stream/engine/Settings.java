package dev.patina.stream.engine;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A session's configuration parameters (SET / SHOW), with RisingWave's and PostgreSQL's defaults.
 */
final class Settings {
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("rw_implicit_flush", "false");
    DEFAULTS.put("timezone", "UTC");
    DEFAULTS.put("search_path", "\"$user\", public");
    DEFAULTS.put("application_name", "");
    DEFAULTS.put("client_encoding", "UTF8");
    DEFAULTS.put("server_encoding", "UTF8");
    DEFAULTS.put("datestyle", "ISO, MDY");
    DEFAULTS.put("intervalstyle", "postgres");
    DEFAULTS.put("extra_float_digits", "1");
    DEFAULTS.put("standard_conforming_strings", "on");
    DEFAULTS.put("transaction_isolation", "read committed");
    DEFAULTS.put("server_version", "13.14.0");
    DEFAULTS.put("server_version_num", "130014");
    DEFAULTS.put("streaming_parallelism", "default");
    DEFAULTS.put("enable_two_phase_agg", "true");
    DEFAULTS.put("rw_streaming_enable_delta_join", "false");
    DEFAULTS.put("rw_streaming_enable_bushy_join", "true");
    DEFAULTS.put("rw_enable_two_phase_agg", "true");
    DEFAULTS.put("rw_force_two_phase_agg", "false");
    DEFAULTS.put("rw_enable_share_plan", "true");
    DEFAULTS.put("streaming_enable_unaligned_join", "false");
    DEFAULTS.put("batch_parallelism", "default");
    DEFAULTS.put("query_mode", "auto");
    DEFAULTS.put("max_split_range_gap", "8");
    DEFAULTS.put("statement_timeout", "0");
    DEFAULTS.put("lock_timeout", "0");
    DEFAULTS.put("idle_in_transaction_session_timeout", "0");
    DEFAULTS.put("row_security", "on");
    DEFAULTS.put("sink_decouple", "default");
    DEFAULTS.put("background_ddl", "false");
    DEFAULTS.put("streaming_use_arrangement_backfill", "true");
    DEFAULTS.put("streaming_use_snapshot_backfill", "false");
    DEFAULTS.put("streaming_separate_consecutive_join", "false");
    DEFAULTS.put("streaming_force_filter_inside_join", "false");
    DEFAULTS.put("streaming_over_window_cache_policy", "full");
    DEFAULTS.put("streaming_max_parallelism", "256");
    DEFAULTS.put("rw_batch_enable_lookup_join", "true");
    DEFAULTS.put("rw_batch_enable_sort_agg", "true");
    DEFAULTS.put("batch_enable_distributed_dml", "false");
    DEFAULTS.put("create_compaction_group_for_mv", "false");
    DEFAULTS.put("synchronize_seqscans", "on");
    DEFAULTS.put("visibility_mode", "default");
    DEFAULTS.put("force_split_distinct_agg", "false");
    DEFAULTS.put("rw_enable_join_ordering", "true");
    DEFAULTS.put("rw_streaming_allow_jsonb_in_stream_key", "false");
  }

  private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  String get(String name) {
    String v = values.get(key(name));
    if (v == null) {
      throw new SqlException(
          SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }
    return v;
  }

  void set(String name, String value) {
    String k = key(name);
    if (value == null) {
      value = DEFAULTS.getOrDefault(k, "");
    }
    if (k.equals("rw_implicit_flush")
        || k.startsWith("rw_")
            && DEFAULTS.containsKey(k)
            && (DEFAULTS.get(k).equals("true") || DEFAULTS.get(k).equals("false"))) {
      value = bool(name, value) ? "true" : "false";
    }
    values.put(k, value);
    if (k.equals("rw_force_two_phase_agg") && value.equals("true")) {
      values.put("enable_two_phase_agg", "true");
    }
  }

  boolean implicitFlush() {
    return Boolean.parseBoolean(values.get("rw_implicit_flush"));
  }

  Map<String, String> all() {
    return values;
  }

  static boolean bool(String name, String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "1", "t" -> true;
      case "false", "off", "no", "0", "f" -> false;
      default ->
          throw new SqlException(
              SqlState.INVALID_PARAMETER_VALUE,
              "parameter \"" + name + "\" requires a Boolean value");
    };
  }
}
