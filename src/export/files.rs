//! Export files: where they go, what they are called, and writing them without ever
//! replacing a file that is already there.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::text::romanize::{Options, romanize};

/// Where exports go when nothing else is said: `$XDG_DATA_HOME/khabar/exports`.
pub fn default_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("khabar").join("exports"))
}

/// A file name for `title`: its words in plain Latin letters and digits, joined by `-`,
/// at most 60 bytes; `article` when nothing is left.
pub fn slug(title: &str) -> String {
    let roman = romanize(title, Options::default());
    let mut out = String::new();
    for c in roman.chars().flat_map(char::to_lowercase) {
        if out.len() >= 60 {
            break;
        }
        match plain_letter(c) {
            Some(p) => out.push(p),
            // Combining marks (the ring of r̥) belong to the letter before.
            None if ('\u{0300}'..='\u{036f}').contains(&c) => {}
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "article".into()
    } else {
        out.to_string()
    }
}

/// A lowercase letter or digit without its diacritics, for a file name.
pub fn plain_letter(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c);
    }
    const TABLE: &[(&str, char)] = &[
        ("āáàâäă", 'a'),
        ("īíìîï", 'i'),
        ("ūúùûü", 'u'),
        ("ēéèêëĕ", 'e'),
        ("ōóòôöŏ", 'o'),
        ("ṁṃ", 'm'),
        ("ṅñṇ", 'n'),
        ("ṭ", 't'),
        ("ḍ", 'd'),
        ("śṣ", 's'),
        ("ḥ", 'h'),
        ("ṛṝ", 'r'),
        ("ḷḹ", 'l'),
        ("ẏ", 'y'),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|&(_, to)| to)
}

/// Writes `text` to `dir/stem.md`, or `stem-2.md`, `stem-3.md`… when taken; never replaces
/// a file. Creates `dir` when needed.
pub fn write_new(dir: &Path, stem: &str, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "{stem}.md and 9,999 more are taken"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_latin() {
        assert_eq!(slug("भारत सरकार"), "bharat-sarkar");
        assert_eq!(slug("रूस के रक्षा मंत्री: शोइगु!"), "rus-ke-raksa-mamtri-soigu");
        assert_eq!(slug("Budget 2025 — दिल्ली"), "budget-2025-dilli");
        assert_eq!(slug("।।"), "article");
        assert!(slug(&"स्त्री ".repeat(50)).len() <= 61);
    }

    #[test]
    fn never_overwrites_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("exports");
        let a = write_new(&sub, "x", "one").unwrap();
        let b = write_new(&sub, "x", "two").unwrap();
        let c = write_new(&sub, "x", "three").unwrap();
        assert_eq!(a, sub.join("x.md"));
        assert_eq!(b, sub.join("x-2.md"));
        assert_eq!(c, sub.join("x-3.md"));
        assert_eq!(std::fs::read_to_string(a).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(c).unwrap(), "three");
    }
}
