//! Arguments, environment, exit codes and stdin from Rust's std.
//! Usage: rs_env exit CODE ARGS... | rs_env stdin | rs_env env ARGS...
use std::io::{self, Read, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("args: {:?}", args);
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("vars: {:?}", vars);
    println!("var GREETING: {:?}", std::env::var("GREETING"));
    println!("var missing: {:?}", std::env::var("NOT_SET_ANYWHERE").is_err());
    match args.first().map(String::as_str) {
        Some("exit") => {
            let code: i32 = args[1].parse().unwrap();
            print!("exiting with {} (unflushed line)", code);
            io::stdout().flush().unwrap();
            std::process::exit(code);
        }
        Some("stdin") => {
            let mut data = Vec::new();
            io::stdin().read_to_end(&mut data).unwrap();
            let text = String::from_utf8_lossy(&data);
            println!("stdin: {} bytes, {} lines, {} chars", data.len(), text.lines().count(), text.chars().count());
            for line in text.lines().rev() {
                println!("{}", line.to_uppercase());
            }
        }
        _ => {}
    }
    eprintln!("stderr: {} args", args.len());
}
