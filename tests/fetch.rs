//! `khabar fetch` against a local HTTP server (std `TcpListener`, no network): pages of
//! every shape, feeds, and every way a site can fail.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use khabar::fetch::{Limits, Options, Source, Summary, run};

#[derive(Clone, Default)]
struct Route {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
    /// A body of this many bytes, made as it is sent.
    endless: usize,
}

fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
    Route {
        status: 200,
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.into(),
        ..Route::default()
    }
}

struct Server {
    base: String,
    most_at_once: Arc<AtomicUsize>,
    requests: Arc<Log>,
}

fn serve(routes: HashMap<String, Route>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let routes = Arc::new(routes);
    let running = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (r2, m2, q2) = (running.clone(), most_at_once.clone(), requests.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (routes, running, most, requests) =
                (routes.clone(), r2.clone(), m2.clone(), q2.clone());
            std::thread::spawn(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let _ = answer(stream, &routes, &requests);
                running.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Server {
        base,
        most_at_once,
        requests,
    }
}

type Log = Mutex<Vec<(String, HashMap<String, String>)>>;

fn answer(stream: TcpStream, routes: &HashMap<String, Route>, log: &Log) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        if h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    log.lock()
        .expect("log")
        .push((path.clone(), headers.clone()));
    let mut out = stream;
    let Some(route) = routes.get(&path) else {
        return out.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    };
    std::thread::sleep(route.delay);
    let etag = route
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("etag"))
        .map(|(_, v)| v.clone());
    if etag.is_some() && headers.get("if-none-match") == etag.as_ref() {
        return out.write_all(
            b"HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    }
    let len = if route.endless > 0 {
        route.endless
    } else {
        route.body.len()
    };
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {len}\r\nConnection: close\r\n",
        route.status
    );
    for (k, v) in &route.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if route.endless > 0 {
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < route.endless {
            out.write_all(&chunk)?;
            sent += chunk.len();
        }
        Ok(())
    } else {
        out.write_all(&route.body)
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/web")
            .join(name),
    )
    .expect("fixture")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn site() -> HashMap<String, Route> {
    let html = "text/html; charset=utf-8";
    let mut r: HashMap<String, Route> = HashMap::new();
    r.insert(
        "/robots.txt".into(),
        ok("text/plain", "User-agent: *\nDisallow: /private/\n"),
    );
    for (path, file) in [
        ("/a/jsonld.html", "jsonld-article-body.html"),
        ("/a/graph.html", "jsonld-graph-no-body.html"),
        ("/a/og.html", "open-graph-only.html"),
        ("/a/nometa.html", "no-metadata.html"),
        ("/a/malformed.html", "malformed.html"),
        ("/a/section.html", "section-front.html"),
        ("/private/og.html", "open-graph-only.html"),
    ] {
        r.insert(path.into(), ok(html, fixture(file)));
    }
    r.insert(
        "/a/legacy.html".into(),
        ok(
            "text/html; charset=iso-8859-1",
            fixture("legacy-charset.html"),
        ),
    );
    let mut gz = ok(html, gzip(&fixture("jsonld-graph-no-body.html")));
    gz.headers.push(("Content-Encoding".into(), "gzip".into()));
    r.insert("/a/gzip.html".into(), gz);
    r.insert(
        "/old".into(),
        Route {
            status: 301,
            headers: vec![("Location".into(), "/a/og.html".into())],
            ..Route::default()
        },
    );
    r.insert(
        "/slow".into(),
        Route {
            delay: Duration::from_secs(4),
            ..ok(html, fixture("open-graph-only.html"))
        },
    );
    r.insert(
        "/huge".into(),
        Route {
            endless: 50 * 1024 * 1024,
            ..ok(html, Vec::new())
        },
    );
    r
}

fn options(into: &Path, state: &Path) -> Options {
    Options {
        into: into.to_path_buf(),
        state_dir: state.to_path_buf(),
        limits: Limits {
            timeout: Duration::from_secs(2),
            ..Limits::default()
        },
    }
}

fn pages(base: &str, paths: &[&str]) -> Vec<Source> {
    paths
        .iter()
        .map(|p| Source {
            url: format!("{base}{p}"),
            listed_feed: false,
        })
        .collect()
}

fn articles(summary: &Summary) -> Vec<serde_json::Value> {
    summary
        .new
        .iter()
        .map(|p| serde_json::from_slice(&std::fs::read(p).expect("read")).expect("json"))
        .collect()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn pages_of_every_shape_become_json_articles() {
    let server = serve(site());
    let (into, state) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let sources = pages(
        &server.base,
        &[
            "/a/jsonld.html",
            "/a/graph.html",
            "/a/og.html",
            "/a/nometa.html",
            "/a/malformed.html",
            "/a/legacy.html",
            "/a/gzip.html",
            "/old",
        ],
    );
    let summary = run(&sources, &options(into.path(), state.path()), &|_| {});
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(summary.new.len(), 8);
    assert_eq!(summary.exit_code(), 0);
    let all = articles(&summary);
    let titles: Vec<&str> = all.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(titles.contains(&"नर्मदा घाटी में नई सिंचाई नहर से बीस गांवों को मिलेगा पानी"));
    assert!(titles.contains(&"प्राचीन बावड़ी के जीर्णोद्धार का काम पूरा, पर्यटकों के लिए खुली"));
    for a in &all {
        for key in ["title", "body", "url", "tags"] {
            assert!(a.get(key).is_some(), "{key} in {a}");
        }
        let body = a["body"].as_str().unwrap_or("");
        assert!(body.chars().count() > 300, "{a}");
        assert!(
            !body.contains("भी पढ़ें") && !body.contains("googletag"),
            "{body}"
        );
    }
    // The redirect's article is named by its canonical address.
    assert!(
        all.iter()
            .any(|a| a["url"] == "https://parvatvani.example.in/mausam/barfbari-kohra-alert")
    );
    // SITE/YYYY-MM/title.json; the page with a date goes under its month.
    assert!(summary.new.iter().any(|p| p.ends_with(
        "darpan.example.in/2025-02/narmada-ghati-mem-nai-simcai-nahar-se-bis-gamvom-ko-milega-pani.json"
    ) || p.to_string_lossy().contains("darpan.example.in/2025-02/")));
    // Only finished files in the folder, no temporary ones.
    for f in files_under(into.path()) {
        assert_eq!(
            f.extension().and_then(|e| e.to_str()),
            Some("json"),
            "{f:?}"
        );
    }
    // Each article loads back as one.
    for p in &summary.new {
        let outcome = khabar::article::load_file(p);
        assert!(
            outcome.errors.is_empty() && outcome.articles.len() == 1,
            "{p:?}"
        );
    }
    // A clear User-Agent, and never more than two requests at once to the host.
    let log = server.requests.lock().expect("log");
    assert!(log.iter().all(|(_, h)| {
        h.get("user-agent")
            .is_some_and(|ua| ua.starts_with("khabar/"))
    }));
    assert!(server.most_at_once.load(Ordering::SeqCst) <= 2);

    // The second run skips them all without asking the server for the pages again.
    drop(log);
    let again = run(&sources, &options(into.path(), state.path()), &|_| {});
    assert_eq!((again.new.len(), again.skipped), (0, 8));
    assert_eq!(again.exit_code(), 0);
}

#[test]
fn every_failure_is_a_reason_and_nothing_is_written() {
    let server = serve(site());
    let (into, state) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let sources = pages(
        &server.base,
        &[
            "/a/section.html",
            "/missing",
            "/slow",
            "/huge",
            "/private/og.html",
        ],
    );
    let started = std::time::Instant::now();
    let summary = run(&sources, &options(into.path(), state.path()), &|_| {});
    assert!(started.elapsed() < Duration::from_secs(20));
    let reasons: HashMap<String, String> = summary
        .failed
        .iter()
        .map(|(u, r)| (u.trim_start_matches(&server.base).to_string(), r.clone()))
        .collect();
    assert!(
        reasons["/a/section.html"].contains("no article"),
        "{reasons:?}"
    );
    assert!(reasons["/missing"].contains("404"), "{reasons:?}");
    assert!(reasons["/slow"].contains("timed out"), "{reasons:?}");
    assert!(reasons["/huge"].contains("limit"), "{reasons:?}");
    assert!(
        reasons["/private/og.html"].contains("robots.txt"),
        "{reasons:?}"
    );
    assert!(summary.new.is_empty());
    assert_eq!(summary.exit_code(), 1);
    assert!(files_under(into.path()).is_empty());
    // robots.txt said no: the page itself was never asked for.
    let log = server.requests.lock().expect("log");
    assert!(!log.iter().any(|(p, _)| p == "/private/og.html"));
}

#[test]
fn a_robots_txt_that_cannot_be_read_is_said_so_and_the_page_is_not_asked_for() {
    let mut routes = site();
    routes.insert(
        "/robots.txt".into(),
        Route {
            status: 503,
            ..Route::default()
        },
    );
    let server = serve(routes);
    let (into, state) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let summary = run(
        &pages(&server.base, &["/a/og.html"]),
        &options(into.path(), state.path()),
        &|_| {},
    );
    let (_, reason) = summary.failed.first().expect("a failure");
    assert!(reason.contains("could not be read"), "{reason}");
    assert!(!reason.contains("does not allow"), "{reason}");
    let log = server.requests.lock().expect("log");
    assert!(!log.iter().any(|(p, _)| p == "/a/og.html"));
}

fn rss_with(items: usize) -> String {
    let body: String = (1..=4)
        .map(|i| format!("<p>अनुच्छेद {i}: नगर निगम ने आज बताया कि शहर की सड़कों की मरम्मत का काम अगले महीने तक पूरा होगा, और इसके लिए नई मशीनें खरीदी गई हैं।</p>"))
        .collect();
    let items: String = (0..items)
        .map(|i| {
            format!(
                "<item><title>नगर की ख़बर {i}</title><link>/nagar/{i}.html</link><guid>nagar-{i}</guid>\
                 <pubDate>Mon, 03 Mar 2025 10:00:00 +0530</pubDate><content:encoded><![CDATA[{body}]]></content:encoded></item>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>नगर पत्र</title><link>https://nagar.example.in/</link>{items}</channel></rss>"#
    )
}

#[test]
fn feeds_fill_the_folder_and_the_next_run_asks_only_what_changed() {
    let mut routes = site();
    let mut big = ok("application/rss+xml", rss_with(1000));
    big.headers.push(("ETag".into(), "\"v1\"".into()));
    routes.insert("/big.xml".into(), big);
    // Atom with relative links and summaries only: each article page is fetched.
    let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>एटम</title><id>urn:a</id><updated>2025-01-09T00:00:00Z</updated>
<entry><title>मौसम</title><id>urn:1</id><link href="a/og.html"/><updated>2025-01-09T07:15:00+05:30</updated><summary>कोहरा।</summary></entry>
<entry><title>स्कूल</title><id>urn:2</id><link href="/a/nometa.html"/><updated>2025-01-10T07:15:00+05:30</updated><summary>किताबें।</summary></entry>
</feed>"#;
    routes.insert("/atom.xml".into(), ok("application/atom+xml", atom));
    let server = serve(routes);
    let (into, state) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let sources: Vec<Source> = ["/big.xml", "/atom.xml"]
        .iter()
        .map(|p| Source {
            url: format!("{}{p}", server.base),
            listed_feed: true,
        })
        .collect();
    let summary = run(&sources, &options(into.path(), state.path()), &|_| {});
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(summary.new.len(), 1002);
    let all = articles(&summary);
    // A summary-only item became its page, with the feed's name as source.
    let weather = all
        .iter()
        .find(|a| a["title"] == "पहाड़ों पर बर्फबारी से ठंड बढ़ी, मैदानी इलाकों में कोहरे का अलर्ट")
        .expect("the page of the relative link");
    assert_eq!(weather["source"], "एटम");
    // Same titles in one month are kept apart, never overwritten.
    let files = files_under(into.path());
    assert_eq!(files.len(), 1002);

    let again = run(&sources, &options(into.path(), state.path()), &|_| {});
    assert_eq!(again.new.len(), 0);
    assert_eq!(again.unchanged, 1, "the big feed answers 304 to its ETag");
    assert_eq!(again.skipped, 2);
    assert_eq!(again.exit_code(), 0);
    let log = server.requests.lock().expect("log");
    assert!(
        log.iter()
            .any(|(p, h)| p == "/big.xml" && h.get("if-none-match").is_some_and(|v| v == "\"v1\""))
    );
}

#[test]
fn a_summary_item_whose_page_failed_is_tried_again_though_its_feed_is_unchanged() {
    let mut routes = site();
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>नगर पत्र</title><link>https://nagar.example.in/</link>
<item><title>बाढ़</title><link>/gone.html</link><guid>baadh-1</guid><description>नदी उफान पर।</description></item></channel></rss>"#;
    let mut feed = ok("application/rss+xml", rss);
    feed.headers.push(("ETag".into(), "\"f1\"".into()));
    routes.insert("/summaries.xml".into(), feed);
    let server = serve(routes);
    let (into, state) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let sources = vec![Source {
        url: format!("{}/summaries.xml", server.base),
        listed_feed: true,
    }];
    for _ in 0..2 {
        let summary = run(&sources, &options(into.path(), state.path()), &|_| {});
        assert_eq!(summary.failed.len(), 1, "{:?}", summary.failed);
        assert_eq!(summary.unchanged, 0, "the feed is asked for whole again");
    }
    let log = server.requests.lock().expect("log");
    let asked = |path: &str| log.iter().filter(|(p, _)| p == path).count();
    assert_eq!(asked("/gone.html"), 2, "{log:?}");
    assert!(
        log.iter()
            .filter(|(p, _)| p == "/summaries.xml")
            .all(|(_, h)| !h.contains_key("if-none-match")),
        "{log:?}"
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let server = serve(site());
    let (into, state) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let sources = pages(&server.base, &["/a/og.html"]);
    let first = run(&sources, &options(into.path(), state.path()), &|_| {});
    let path = first.new[0].clone();
    std::fs::write(&path, "मेरी अपनी फ़ाइल").expect("write");
    // A fresh state forgets the page; the file there stays as it is.
    let other_state = tempfile::tempdir().expect("dir");
    let second = run(&sources, &options(into.path(), other_state.path()), &|_| {});
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "मेरी अपनी फ़ाइल"
    );
    assert_ne!(second.new[0], path);
    assert!(second.new[0].to_string_lossy().ends_with("-2.json"));
}

fn khabar(args: &[&str], home: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .output()
        .expect("run khabar")
}

#[test]
fn the_command_exits_2_on_usage_errors_and_1_when_all_failed() {
    let home = tempfile::tempdir().expect("dir");
    let out = khabar(&["fetch"], home.path());
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = khabar(&["fetch", "ftp://x.example/feed"], home.path());
    assert_eq!(out.status.code(), Some(2));
    let out = khabar(&["fetch", "--feeds", "/nonexistent/feeds.txt"], home.path());
    assert_eq!(out.status.code(), Some(2));

    let server = serve(site());
    let into = home.path().join("news");
    let into_s = into.to_string_lossy().to_string();
    let missing = format!("{}/missing", server.base);
    let out = khabar(&["fetch", "--into", &into_s, &missing], home.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("0 new") && stderr.contains("404"),
        "{stderr}"
    );

    // A feeds file in the config folder is the default; cron-friendly plain progress lines.
    std::fs::create_dir_all(home.path().join("config/khabar")).expect("dir");
    std::fs::write(
        home.path().join("config/khabar/feeds.txt"),
        format!("# पत्र\n{}/a/og.html\n", server.base),
    )
    .expect("write");
    let out = khabar(&["fetch", "--into", &into_s, "--feeds"], home.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 new"));
}
