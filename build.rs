//! Computes khabar's extraction version: a hash of everything that decides what extraction
//! finds (the code outside the reader, and the models, gazetteers and lexicons in `assets/`).
//! The on-disk cache is keyed by it, so a build that could extract differently never reuses
//! an older build's results.

use std::fs;
use std::path::Path;

fn main() {
    let mut files = Vec::new();
    for dir in ["src", "assets"] {
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    // FNV-1a: stable across Rust versions, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &files {
        let bytes = fs::read(path).unwrap_or_default();
        for b in path.to_string_lossy().bytes().chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=KHABAR_EXTRACTION_HASH={hash:016x}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=assets");
}

/// Files under `dir`, except the reader's (`src/tui`, `src/main.rs`) and the samples, which
/// do not change what extraction finds.
fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let skip = ["src/tui", "src/main.rs", "assets/sample"]
            .iter()
            .any(|s| path.starts_with(s));
        if skip {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
