//! What `fetch` keeps: the articles it writes (one `.json` file each, under
//! `source/YYYY-MM/`, written to a temporary file and renamed, never over another file),
//! the guids and addresses already fetched, and the feeds' validators.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::http::Validators;
use crate::export::files::slug;

/// Guids and addresses already fetched, one a line.
const FETCHED: &str = "fetched.txt";
/// Each feed's ETag and Last-Modified.
const FEEDS: &str = "feeds.json";

pub struct Store {
    state_dir: PathBuf,
    into: PathBuf,
    keys: HashSet<String>,
    validators: HashMap<String, Validators>,
}

/// Keys recorded in `state_dir`.
pub fn read_keys(state_dir: &Path) -> HashSet<String> {
    std::fs::read_to_string(state_dir.join(FETCHED))
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

impl Store {
    /// The record in `state_dir` (an unreadable one is an empty one: at worst an article
    /// is fetched again, and never written over), for articles written into `into`.
    pub fn open(state_dir: &Path, into: &Path) -> Store {
        let validators = std::fs::read_to_string(state_dir.join(FEEDS))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        Store {
            state_dir: state_dir.to_path_buf(),
            into: into.to_path_buf(),
            keys: read_keys(state_dir),
            validators,
        }
    }

    pub fn seen(&self, key: &str) -> bool {
        !key.is_empty() && self.keys.contains(key)
    }

    pub fn validators(&self, url: &str) -> Option<Validators> {
        self.validators.get(url).cloned()
    }

    /// Forgets a feed's validators, so that its next fetch is a whole one (an item whose
    /// page failed is then seen again and retried, though the feed has not changed).
    pub fn forget_validators(&mut self, url: &str) {
        self.validators.remove(url);
    }

    pub fn set_validators(&mut self, url: &str, v: Validators) {
        if v.etag.is_some() || v.last_modified.is_some() {
            self.validators.insert(url.to_string(), v);
        }
    }

    /// Saves the validators (a temporary file renamed over the old one).
    pub fn save_validators(&self) -> std::io::Result<()> {
        if self.validators.is_empty() && !self.state_dir.join(FEEDS).exists() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.state_dir)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".feeds-")
            .tempfile_in(&self.state_dir)?;
        serde_json::to_writer_pretty(&mut tmp, &self.validators)?;
        tmp.as_file().sync_all()?;
        tmp.persist(self.state_dir.join(FEEDS))
            .map_err(|e| e.error)?;
        Ok(())
    }

    /// Writes one article and records `keys` as fetched. Returns the file written.
    pub fn write(&mut self, article: &serde_json::Value, keys: &[&str]) -> Result<PathBuf, String> {
        let title = article.get("title").and_then(|t| t.as_str()).unwrap_or("");
        let body = article.get("body").and_then(|t| t.as_str()).unwrap_or("");
        if title.trim().is_empty() && body.trim().is_empty() {
            return Err("no title and no text".into());
        }
        let (dir, stem) = article_path(&self.into, article);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
        let text = serde_json::to_string_pretty(article).map_err(|e| e.to_string())?;
        let path = write_new(&dir, &stem, text.as_bytes())
            .map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
        self.record(keys)
            .map_err(|e| format!("written to {}, but cannot record it: {e}", path.display()))?;
        Ok(path)
    }

    fn record(&mut self, keys: &[&str]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.state_dir)?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.state_dir.join(FETCHED))?;
        let mut lines = String::new();
        for key in keys {
            let key = key.trim();
            if !key.is_empty() && !key.contains('\n') && self.keys.insert(key.to_string()) {
                lines.push_str(key);
                lines.push('\n');
            }
        }
        file.write_all(lines.as_bytes())
    }
}

/// Where an article goes: `into/<site>/<YYYY-MM>/` and a name from its title. The site is
/// the host of its address (`www.` left off), else its source; the month is its date's,
/// else this month.
pub fn article_path(into: &Path, article: &serde_json::Value) -> (PathBuf, String) {
    let field = |k: &str| article.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let site = url::Url::parse(field("url"))
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
        .filter(|h| !h.is_empty())
        .or_else(|| {
            let s = field("source");
            (!s.trim().is_empty()).then(|| slug(s))
        })
        .unwrap_or_else(|| "unknown".into());
    let date = field("date");
    let month = match crate::article::parse_iso_date(date) {
        Some(d) => d.format("%Y-%m").to_string(),
        None => chrono::Local::now().format("%Y-%m").to_string(),
    };
    (into.join(site).join(month), slug(field("title")))
}

/// Writes `bytes` to `dir/stem.json` (or `stem-2.json`…) through a temporary file renamed
/// into place without replacing anything.
fn write_new(dir: &Path, stem: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".khabar-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.json")
        } else {
            format!("{stem}-{n}.json")
        };
        let path = dir.join(name);
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(std::io::Error::other(format!(
        "{stem}.json and 9,999 more are taken"
    )))
}
