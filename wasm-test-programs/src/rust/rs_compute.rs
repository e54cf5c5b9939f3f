//! Pure computation through std: collections, sorting, formatting of floats and integers,
//! 128-bit arithmetic, UTF-8 strings, a small interpreter loop. Deterministic output.
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Write;

fn sieve(n: usize) -> Vec<usize> {
    let mut is = vec![true; n + 1];
    is[0] = false;
    is[1] = false;
    let mut i = 2;
    while i * i <= n {
        if is[i] {
            let mut j = i * i;
            while j <= n {
                is[j] = false;
                j += i;
            }
        }
        i += 1;
    }
    (0..=n).filter(|&k| is[k]).collect()
}

fn collatz_len(mut n: u64, cache: &mut HashMap<u64, u32>) -> u32 {
    let start = n;
    let mut steps = 0;
    let mut path = Vec::new();
    while n != 1 {
        if let Some(&c) = cache.get(&n) {
            steps += c;
            break;
        }
        path.push(n);
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    let total = steps;
    for (k, p) in path.iter().enumerate() {
        cache.insert(*p, total - k as u32);
    }
    let _ = start;
    total
}

fn main() {
    let primes = sieve(200_000);
    println!("primes below 200000: {}, last {:?}", primes.len(), primes.last());

    let mut cache = HashMap::new();
    let best = (1..50_000u64).map(|n| (collatz_len(n, &mut cache), n)).max().unwrap();
    println!("longest collatz below 50000: {:?}", best);

    let mut x: u64 = 88172645463325252;
    let mut v: Vec<u64> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % 1_000_000
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    println!("distinct: {}, median {}, p99 {}", v.len(), v[v.len() / 2], v[v.len() * 99 / 100]);

    let mut words: BTreeMap<String, usize> = BTreeMap::new();
    let text = "the quick brown fox jumps over the lazy dog and the dog sleeps ünïcödé 日本語 the end";
    for w in text.split_whitespace() {
        *words.entry(w.to_string()).or_default() += 1;
    }
    println!("words: {:?}", words);
    let set: BTreeSet<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    println!("non-ascii: {:?}, upper: {}", set, "straße ǅ ünï".to_uppercase());

    let mut out = String::new();
    for f in [0.1f64, 1.0 / 3.0, 2f64.sqrt(), 1e300 * 10.0, -0.0, f64::MIN_POSITIVE, 123456789.125, f64::NAN] {
        write!(out, "{} {:e} {:.3} | ", f, f, f).unwrap();
    }
    println!("floats: {}", out);
    println!("f32: {} {} {}", 0.1f32 + 0.2f32, (1u64 << 40) as f32, 16777217f32);
    let big: u128 = (1u128 << 127) - 1;
    println!("u128: {} {:x} {}", big, big / 12345, (big % 1_000_000_007) as u64);
    println!("i64: {} {} {}", i64::MIN, i64::MAX.wrapping_add(1), (-7i64).rem_euclid(3));
    println!("bits: {} {} {}", 0x1234_5678u32.rotate_left(12), 0xF0u8.leading_zeros(), 12345u64.count_ones());

    let mut q: VecDeque<u32> = VecDeque::new();
    let mut acc = 0u64;
    for i in 0..10_000u32 {
        q.push_back(i);
        if q.len() > 7 {
            acc += u64::from(q.pop_front().unwrap()) * u64::from(i % 13);
        }
    }
    println!("deque acc: {}", acc);
    let s: String = (0..50).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect();
    println!("string: {} rev {}", s, s.chars().rev().collect::<String>());
}
