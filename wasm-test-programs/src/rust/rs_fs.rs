//! std::fs and std::io on a work directory: create, write, seek, set_len, append, rename,
//! read_dir, metadata, copy, remove, and the io::ErrorKind of each failure.
//! Usage: rs_fs DIR
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The kinds that std maps the same way on Linux and on WASI (Rust 1.63's WASI std files
/// EISDIR, ENOTEMPTY and a few others under `Uncategorized`, so those print as "Other").
fn kind(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        k @ (NotFound | AlreadyExists | PermissionDenied | InvalidInput | UnexpectedEof) => format!("{:?}", k),
        _ => "Other".to_string(),
    }
}

fn show<T: std::fmt::Debug>(label: &str, r: io::Result<T>) {
    match r {
        Ok(v) => println!("{}: ok {:?}", label, v),
        Err(e) => println!("{}: {}", label, kind(&e)),
    }
}

fn describe(p: &Path) -> String {
    match fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => "dir".to_string(),
        Ok(m) if m.file_type().is_symlink() => "symlink".to_string(),
        Ok(m) => format!("file {} bytes", m.len()),
        Err(e) => kind(&e),
    }
}

fn listing(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        names.push(format!(
            "{}{}",
            entry.file_name().to_string_lossy(),
            if kind.is_dir() { "/" } else { "" }
        ));
    }
    names.sort();
    Ok(names)
}

fn main() -> io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: rs_fs DIR"));
    let a = dir.join("a.txt");

    let mut f = OpenOptions::new().write(true).read(true).create_new(true).open(&a)?;
    f.write_all(b"hello from rust\n")?;
    show("create_new again", OpenOptions::new().write(true).create_new(true).open(&a).map(|_| ()));
    show("seek start 6", f.seek(SeekFrom::Start(6)));
    f.write_all(b"FROM")?;
    show("seek end -5", f.seek(SeekFrom::End(-5)));
    let mut s = String::new();
    f.read_to_string(&mut s)?;
    println!("read tail: {:?}", s);
    show("seek current", f.seek(SeekFrom::Current(0)));
    show("seek before start", f.seek(SeekFrom::Current(-100)));
    f.set_len(4)?;
    println!("after set_len(4): {}", describe(&a));
    f.set_len(10)?;
    f.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    println!("after set_len(10): {:?}", bytes);
    f.sync_all()?;
    drop(f);

    let mut f = OpenOptions::new().append(true).open(&a)?;
    f.write_all(b"+appended")?;
    drop(f);
    println!("appended: {:?}", fs::read(&a)?);

    // Buffered lines, written and read back.
    {
        let mut w = BufWriter::new(File::create(dir.join("lines.txt"))?);
        for i in 0..2000 {
            writeln!(w, "{:>5} {:>12.4} {:x}", i, (i as f64).sqrt() * 1000.0, i * 7919)?;
        }
        w.flush()?;
    }
    let r = BufReader::new(File::open(dir.join("lines.txt"))?);
    let (mut n, mut sum) = (0u64, 0u64);
    for line in r.lines() {
        let line = line?;
        n += 1;
        sum += line.bytes().map(u64::from).sum::<u64>();
    }
    println!("lines: {} byte sum: {}", n, sum);

    // Directories.
    show("create_dir sub", fs::create_dir(dir.join("sub")));
    show("create_dir sub again", fs::create_dir(dir.join("sub")));
    show("create_dir_all x/y/z", fs::create_dir_all(dir.join("x/y/z")));
    show("create_dir no/parent", fs::create_dir(dir.join("no/parent")));
    for i in 0..120 {
        fs::write(dir.join(format!("sub/file-{:03}.txt", i)), format!("{}\n", i * i))?;
    }
    let names = listing(&dir.join("sub"))?;
    println!("sub: {} entries, first {:?}, last {:?}", names.len(), names[0], names[names.len() - 1]);
    println!("root: {:?}", listing(&dir)?);
    show("read_dir missing", listing(&dir.join("missing")));

    // Metadata.
    let m = fs::metadata(&a)?;
    println!("metadata a.txt: file={} dir={} len={} readonly={}", m.is_file(), m.is_dir(), m.len(), m.permissions().readonly());
    println!("metadata sub: {}", describe(&dir.join("sub")));
    show("metadata missing", fs::metadata(dir.join("missing")).map(|m| m.len()));
    println!("modified is set: {}", m.modified().is_ok());

    // Copy, rename, remove.
    show("copy a -> b", fs::copy(&a, dir.join("b.txt")));
    show("rename b -> sub/b", fs::rename(dir.join("b.txt"), dir.join("sub/b.txt")));
    show("rename missing", fs::rename(dir.join("missing"), dir.join("other")));
    show("rename over existing", fs::rename(dir.join("sub/b.txt"), &a));
    println!("a.txt now: {:?}", fs::read_to_string(&a)?);
    show("remove_dir non-empty", fs::remove_dir(dir.join("sub")));
    show("remove_file a directory", fs::remove_file(dir.join("x")));
    show("remove_file missing", fs::remove_file(dir.join("missing")));
    show("read missing", fs::read(dir.join("missing")));
    show("open a directory as file then read", File::open(dir.join("x")).and_then(|mut f| {
        let mut v = Vec::new();
        f.read_to_end(&mut v)
    }));
    for i in (0..120).step_by(3) {
        fs::remove_file(dir.join(format!("sub/file-{:03}.txt", i)))?;
    }
    println!("sub after removals: {} entries", listing(&dir.join("sub"))?.len());
    show("remove_dir_all x", fs::remove_dir_all(dir.join("x")));
    println!("x: {}", describe(&dir.join("x")));
    println!("root at the end: {:?}", listing(&dir)?);
    eprintln!("rs_fs: done");
    Ok(())
}
