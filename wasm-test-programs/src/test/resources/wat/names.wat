;; Names for everything, and Unicode in export names and data: --debug-names writes the name section.
(module $names_module
  (func $the_answer (export "answer") (param $unused_param i32) (result i32)
    (local $also_unused f64)
    (i32.const 42))
  (func $japanese (export "日本語") (result i32) (call $the_answer (i32.const 0)))
  (global $g_with_name (mut i64) (i64.const -9223372036854775808))
  (memory $memory_name 1)
  (data $data_name (i32.const 0) "\u{1F600} emoji")
  (table $table_name 1 funcref))
