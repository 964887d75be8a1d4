//! `khabar fetch`: filling the folder while online. Feeds and pages are downloaded politely
//! (see [`http`] and [`robots`]), each new article is written as one `.json` file under
//! `source/YYYY-MM/`, and what was fetched is remembered in the state folder so it is
//! skipped next time.
//!
//! Nothing here touches the terminal: progress goes to a callback, and the caller decides
//! how to show it.

pub mod http;
pub mod robots;
mod store;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::article::feed::{self, Item};
use crate::article::html;

pub use http::{Client, Limits, Reply, Validators};
pub use robots::Robots;
pub use store::{Store, article_path};

/// At most this many requests to one host at a time.
pub const PER_HOST: usize = 2;

/// What `fetch` is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The articles folder the files go into.
    pub into: PathBuf,
    /// Where the record of what was fetched, and the feeds' validators, are kept.
    pub state_dir: PathBuf,
    pub limits: Limits,
}

/// An address to fetch, and what it is known to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub url: String,
    /// Listed in a feeds file: a feed, fetched conditionally and without robots.txt (feeds
    /// are published for programs). An address given on the command line may be a feed or
    /// a page, and robots.txt is asked first.
    pub listed_feed: bool,
}

/// What happened, as it happens.
#[derive(Debug, Clone)]
pub enum Event {
    /// This many more requests are planned.
    Planned(usize),
    /// One request finished (well or not).
    Done { url: String, note: String },
}

/// The end of a run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files written.
    pub new: Vec<PathBuf>,
    /// Items or pages already fetched on an earlier run.
    pub skipped: usize,
    /// Feeds unchanged since the last run (HTTP 304).
    pub unchanged: usize,
    /// Address and reason.
    pub failed: Vec<(String, String)>,
    pub sources: usize,
    /// Sources that gave nothing: their fetch failed, or every new article of theirs did.
    pub sources_failed: usize,
}

impl Summary {
    /// 0 when anything was fetched or nothing was new; 1 when every source failed.
    pub fn exit_code(&self) -> u8 {
        if self.sources > 0 && self.sources_failed == self.sources {
            1
        } else {
            0
        }
    }
}

/// One feeds file: one address a line, `#` comments and blank lines ignored.
pub fn read_feed_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The default feeds file: `$XDG_CONFIG_HOME/khabar/feeds.txt`.
pub fn default_feed_list() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("khabar").join("feeds.txt"))
}

/// A page to fetch and extract, for the source at `source`.
struct PageJob {
    url: String,
    source: usize,
    /// The feed item it came from: its guid is recorded too, its source and date fill gaps.
    item: Option<Item>,
    robots: bool,
}

/// Per-source tally: did it give anything, did it fail.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    ok: usize,
    failed: usize,
    fetch_failed: bool,
}

/// Fetches every source and writes what is new. Never panics on bad input; every failure
/// is one entry in the summary.
pub fn run(sources: &[Source], options: &Options, progress: &(dyn Fn(Event) + Sync)) -> Summary {
    let client = Client::new(options.limits.clone());
    let store = Mutex::new(Store::open(&options.state_dir, &options.into));
    let robots = RobotsCache::new(&client, &options.limits.user_agent);
    let mut summary = Summary {
        sources: sources.len(),
        ..Summary::default()
    };
    let mut tally = vec![Tally::default(); sources.len()];
    let mut pages: Vec<PageJob> = Vec::new();

    progress(Event::Planned(sources.len()));
    let fetched = per_host(
        sources.iter().enumerate().collect(),
        |(_, s)| host(&s.url),
        |(i, s)| {
            let seen = lock(&store).seen(&s.url);
            if seen {
                return (i, Ok(None));
            }
            if !s.listed_feed
                && let Err(why) = robots.check(&s.url)
            {
                return (i, Err(why));
            }
            let validators = s.listed_feed.then(|| lock(&store).validators(&s.url));
            let reply = client.get(&s.url, validators.flatten().as_ref());
            (i, reply.map(Some))
        },
    );
    for (i, reply) in fetched {
        let source = &sources[i];
        let note = match reply {
            Ok(None) => {
                summary.skipped += 1;
                tally[i].ok += 1;
                "already fetched".to_string()
            }
            Ok(Some(Reply::NotModified)) => {
                summary.unchanged += 1;
                tally[i].ok += 1;
                "unchanged".to_string()
            }
            Ok(Some(Reply::Body {
                url,
                content_type,
                validators,
                bytes,
            })) => {
                if is_feed(content_type.as_deref(), &bytes) {
                    match feed::read(&bytes, Some(&url)) {
                        Ok(f) => {
                            lock(&store).set_validators(&source.url, validators);
                            let mut new = 0;
                            for mut item in f.items {
                                // Guids are often only numbers: one feed's guid is kept
                                // with the feed's address, so another feed's cannot clash.
                                item.id = format!("{} {}", source.url, item.id);
                                let known = {
                                    let guard = lock(&store);
                                    guard.seen(&item.id)
                                        || item.link.as_deref().is_some_and(|l| guard.seen(l))
                                };
                                if known {
                                    summary.skipped += 1;
                                    tally[i].ok += 1;
                                    continue;
                                }
                                new += 1;
                                match (&item.link, item.summary_only) {
                                    (Some(link), true) => pages.push(PageJob {
                                        url: link.clone(),
                                        source: i,
                                        item: Some(item.clone()),
                                        robots: true,
                                    }),
                                    _ => {
                                        let json = item.to_json();
                                        write_article(
                                            &store,
                                            &json,
                                            &[&item.id, item.link.as_deref().unwrap_or("")],
                                            &mut summary,
                                            &mut tally[i],
                                        );
                                    }
                                }
                            }
                            format!("feed, {new} new items")
                        }
                        Err(e) => {
                            tally[i].fetch_failed = true;
                            summary
                                .failed
                                .push((source.url.clone(), format!("not a feed: {e}")));
                            "failed".to_string()
                        }
                    }
                } else {
                    let text = html::decode_with(&bytes, charset_of(content_type.as_deref()));
                    match html::extract(&text) {
                        Ok(page) => {
                            let mut page = page;
                            page.url.get_or_insert(url.clone());
                            let json = page.to_json();
                            write_article(
                                &store,
                                &json,
                                &[&source.url, &url],
                                &mut summary,
                                &mut tally[i],
                            );
                            "page".to_string()
                        }
                        Err(e) => {
                            tally[i].fetch_failed = true;
                            summary.failed.push((source.url.clone(), e.to_string()));
                            "failed".to_string()
                        }
                    }
                }
            }
            Err(e) => {
                tally[i].fetch_failed = true;
                summary.failed.push((source.url.clone(), e));
                "failed".to_string()
            }
        };
        progress(Event::Done {
            url: source.url.clone(),
            note,
        });
    }

    progress(Event::Planned(pages.len()));
    let results = per_host(
        pages,
        |job| host(&job.url),
        |job| {
            let allowed = if job.robots {
                robots.check(&job.url)
            } else {
                Ok(())
            };
            let result = allowed.and_then(|()| fetch_page(&client, &job.url));
            (job, result)
        },
    );
    for (job, result) in results {
        let keys: Vec<String> = job
            .item
            .as_ref()
            .map(|i| vec![i.id.clone(), job.url.clone()])
            .unwrap_or_else(|| vec![job.url.clone()]);
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let note = match result {
            Ok(mut page) => {
                if let Some(item) = &job.item {
                    // The feed knows the paper's name and the item's date best.
                    if item.source.is_some() {
                        page.source.clone_from(&item.source);
                    }
                    if page.date.is_none() {
                        page.date.clone_from(&item.published);
                    }
                    if page.title.is_empty() {
                        page.title.clone_from(&item.title);
                    }
                    page.tags.extend(item.tags.iter().cloned());
                }
                page.url.get_or_insert(job.url.clone());
                write_article(
                    &store,
                    &page.to_json(),
                    &keys,
                    &mut summary,
                    &mut tally[job.source],
                );
                "article".to_string()
            }
            Err(e) => {
                tally[job.source].failed += 1;
                summary.failed.push((job.url.clone(), e));
                // The item is not recorded as fetched; its feed must not answer 304 next
                // time, or the item would never be tried again.
                if job.item.is_some() {
                    lock(&store).forget_validators(&sources[job.source].url);
                }
                "failed".to_string()
            }
        };
        progress(Event::Done { url: job.url, note });
    }
    if let Err(e) = lock(&store).save_validators() {
        summary.failed.push((
            "(state)".into(),
            format!("cannot save the feeds' state: {e}"),
        ));
    }
    summary.sources_failed = tally
        .iter()
        .filter(|t| t.fetch_failed || (t.ok == 0 && t.failed > 0))
        .count();
    summary
}

fn fetch_page(client: &Client, url: &str) -> Result<html::WebArticle, String> {
    match client.get(url, None)? {
        Reply::NotModified => Err("unexpected 304 Not Modified".into()),
        Reply::Body {
            url: final_url,
            content_type,
            bytes,
            ..
        } => {
            let text = html::decode_with(&bytes, charset_of(content_type.as_deref()));
            let mut page = html::extract(&text).map_err(|e| e.to_string())?;
            page.url.get_or_insert(final_url);
            Ok(page)
        }
    }
}

/// Writes one article and records its keys; a failure is counted against its source.
fn write_article(
    store: &Mutex<Store>,
    json: &serde_json::Value,
    keys: &[&str],
    summary: &mut Summary,
    tally: &mut Tally,
) {
    let mut store = lock(store);
    match store.write(json, keys) {
        Ok(path) => {
            summary.new.push(path);
            tally.ok += 1;
        }
        Err(e) => {
            let what = json
                .get("url")
                .and_then(|u| u.as_str())
                .unwrap_or("(article)")
                .to_string();
            summary.failed.push((what, e));
            tally.failed += 1;
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether a response is a feed: by its type, else by how its text starts.
fn is_feed(content_type: Option<&str>, bytes: &[u8]) -> bool {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if ct.contains("html") {
        return false;
    }
    if ct.contains("rss") || ct.contains("atom") || ct.contains("xml") {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<?xml") || head.starts_with("<rss") || head.starts_with("<feed")
}

/// The charset a Content-Type names.
fn charset_of(content_type: Option<&str>) -> Option<&str> {
    let ct = content_type?;
    let at = ct.to_ascii_lowercase().find("charset=")?;
    Some(ct[at + 8..].trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace()))
        .map(|c| c.split(';').next().unwrap_or(c).trim())
}

/// `scheme://host[:port]` of an address (the unit of politeness), or the address itself.
fn host(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!(
            "{}://{}:{}",
            u.scheme(),
            u.host_str().unwrap_or(""),
            u.port_or_known_default().unwrap_or(0)
        ),
        Err(_) => url.to_string(),
    }
}

/// Runs `work` on every job, at most [`PER_HOST`] at a time for one host, hosts side by
/// side; results come back in the jobs' order.
fn per_host<J: Send, R: Send>(
    jobs: Vec<J>,
    host_of: impl Fn(&J) -> String,
    work: impl Fn(J) -> R + Sync,
) -> Vec<R> {
    let mut queues: HashMap<String, VecDeque<(usize, J)>> = HashMap::new();
    let n = jobs.len();
    for (i, job) in jobs.into_iter().enumerate() {
        queues.entry(host_of(&job)).or_default().push_back((i, job));
    }
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..n).map(|_| None).collect());
    type Queue<J> = Mutex<VecDeque<(usize, J)>>;
    let queues: Vec<(usize, Queue<J>)> = queues
        .into_values()
        .map(|q| (q.len(), Mutex::new(q)))
        .collect();
    std::thread::scope(|scope| {
        for (len, queue) in &queues {
            for _ in 0..(*len).min(PER_HOST) {
                scope.spawn(|| {
                    loop {
                        let next = lock(queue).pop_front();
                        let Some((i, job)) = next else { break };
                        let r = work(job);
                        lock(&results)[i] = Some(r);
                    }
                });
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect()
}

/// robots.txt of each host, asked once a run.
struct RobotsCache<'a> {
    client: &'a Client,
    agent: String,
    /// Each site's rules, and why they could not be read when they could not.
    #[allow(clippy::type_complexity)]
    sites: Mutex<HashMap<String, std::sync::Arc<std::sync::OnceLock<(Robots, Option<String>)>>>>,
}

impl<'a> RobotsCache<'a> {
    fn new(client: &'a Client, user_agent: &str) -> Self {
        RobotsCache {
            client,
            agent: user_agent
                .split('/')
                .next()
                .unwrap_or("khabar")
                .to_ascii_lowercase(),
            sites: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `url` may be fetched: `Err` says why not (its robots.txt forbids it, or
    /// could not be read this run).
    fn check(&self, url: &str) -> Result<(), String> {
        let Ok(parsed) = url::Url::parse(url) else {
            return Ok(());
        };
        let site = host(url);
        let cell = lock(&self.sites).entry(site).or_default().clone();
        let (robots, unread) = cell.get_or_init(|| {
            let Ok(robots_url) = parsed.join("/robots.txt") else {
                return (Robots::allow_all(), None);
            };
            match self.client.get(robots_url.as_str(), None) {
                Ok(Reply::Body { bytes, .. }) => (
                    Robots::parse(&String::from_utf8_lossy(&bytes), &self.agent),
                    None,
                ),
                Ok(Reply::NotModified) => (Robots::allow_all(), None),
                // No robots.txt (4xx): everything is allowed. A server error or no answer:
                // nothing is, this time.
                Err(e) if e.starts_with("HTTP 4") => (Robots::allow_all(), None),
                Err(e) => (Robots::deny_all(), Some(e)),
            }
        });
        let mut path = parsed.path().to_string();
        if let Some(q) = parsed.query() {
            path.push('?');
            path.push_str(q);
        }
        match unread {
            _ if robots.allows(&path) => Ok(()),
            Some(e) => Err(format!(
                "its site's robots.txt could not be read ({e}): not fetched this run"
            )),
            None => Err("robots.txt does not allow it".to_string()),
        }
    }
}

/// Keys already fetched, as read at the start of a run (for tests and `--dry-run`-like
/// checks).
pub fn fetched_keys(state_dir: &std::path::Path) -> HashSet<String> {
    store::read_keys(state_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_lists_skip_comments_and_blanks() {
        let list = "# मेरे अख़बार\nhttps://a.example/rss\n\n  https://b.example/feed  # शाम\n";
        assert_eq!(
            read_feed_list(list),
            vec!["https://a.example/rss", "https://b.example/feed"]
        );
    }

    #[test]
    fn charset_from_content_type() {
        assert_eq!(
            charset_of(Some("text/html; charset=\"windows-1252\"")),
            Some("windows-1252")
        );
        assert_eq!(charset_of(Some("text/html")), None);
    }

    #[test]
    fn at_most_two_jobs_of_a_host_run_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let running = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let out = per_host(
            (0..8).collect(),
            |_| "one".to_string(),
            |i| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(20));
                running.fetch_sub(1, Ordering::SeqCst);
                i * 2
            },
        );
        assert_eq!(out, (0..8).map(|i| i * 2).collect::<Vec<_>>());
        assert!(most.load(Ordering::SeqCst) <= PER_HOST);
    }
}
