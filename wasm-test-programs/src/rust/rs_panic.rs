//! A panic: std prints the message, then aborts (panic=abort, as wasm32-wasi always does):
//! natively SIGABRT, under Wasm a trap.
//! Usage: rs_panic KIND   (KIND: explicit | index | unwrap | overflow)
fn main() {
    let kind = std::env::args().nth(1).unwrap_or_default();
    println!("about to panic: {}", kind);
    let v = vec![1, 2, 3];
    let i = kind.len() + 7;
    match kind.as_str() {
        "explicit" => panic!("explicit panic with {} items", v.len()),
        "index" => println!("{}", v[i]),
        "unwrap" => {
            let r: Result<u32, String> = Err("no value".into());
            println!("{}", r.unwrap());
        }
        "overflow" => {
            let x: u8 = (200 + i) as u8;
            println!("{}", x.checked_mul(3).expect("u8 multiplication overflowed"));
        }
        _ => println!("nothing"),
    }
}
