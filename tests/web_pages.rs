//! Saved web pages and feeds in the folder: the main text of pages shaped like Hindi news
//! sites measured against gold bodies, their metadata, the pages that are no article, and
//! feeds of each kind.

use std::path::{Path, PathBuf};

use khabar::article::{html, load_file};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web")
}

/// Characters that count: whitespace is layout, not text.
fn chars(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Length of the longest common subsequence of two character strings.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// Character-level F1 of `found` against `gold`, and the share of `found` that is not in
/// the gold text (boilerplate that got through).
fn score(found: &str, gold: &str) -> (f64, f64) {
    let (f, g) = (chars(found), chars(gold));
    let common = lcs(&f, &g) as f64;
    let precision = common / f.len().max(1) as f64;
    let recall = common / g.len().max(1) as f64;
    let f1 = if common == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (f1, 1.0 - precision)
}

fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

#[test]
fn main_text_matches_the_gold_bodies() {
    let mut report = Vec::new();
    let (mut sum_f1, mut worst_f1, mut worst_noise, mut n) = (0.0, 1.0f64, 0.0f64, 0);
    for entry in std::fs::read_dir(fixtures()).expect("fixtures") {
        let path = entry.expect("entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".gold.txt") else {
            continue;
        };
        let gold = std::fs::read_to_string(&path).expect("gold");
        let bytes = std::fs::read(fixtures().join(format!("{stem}.html"))).expect("page");
        let page = html::extract(&html::decode(&bytes))
            .unwrap_or_else(|e| panic!("{stem}: no article: {e}"));
        let found = page.paragraphs.join("\n\n");
        let (f1, noise) = score(&found, &gold);
        report.push(format!(
            "{stem}: F1 {f1:.4}, boilerplate {:.2} %",
            noise * 100.0
        ));
        assert!(
            f1 >= 0.97,
            "{stem}: F1 {f1:.4}\n--- found:\n{found}\n--- gold:\n{gold}"
        );
        assert!(noise <= 0.01, "{stem}: boilerplate {noise:.4}\n{found}");
        sum_f1 += f1;
        worst_f1 = worst_f1.min(f1);
        worst_noise = worst_noise.max(noise);
        n += 1;
    }
    assert!(n >= 6, "only {n} gold fixtures");
    eprintln!(
        "{}\nmean F1 {:.4}, worst F1 {worst_f1:.4}, worst boilerplate {:.2} %",
        report.join("\n"),
        sum_f1 / n as f64,
        worst_noise * 100.0
    );
}

#[test]
fn pages_give_title_date_source_and_url() {
    let expected = expected();
    for (stem, want) in expected.as_object().expect("object") {
        let outcome = load_file(&fixtures().join(format!("{stem}.html")));
        if let Some(error) = want.get("error").and_then(|e| e.as_str()) {
            assert!(outcome.articles.is_empty(), "{stem} is no article");
            let message = outcome.errors.first().map(ToString::to_string);
            assert!(
                message.as_deref().is_some_and(|m| m.contains(error)),
                "{stem}: {message:?} should say {error:?}"
            );
            continue;
        }
        assert!(outcome.errors.is_empty(), "{stem}: {:?}", outcome.errors);
        let article = &outcome.articles[0];
        assert_eq!(
            article.title,
            want["title"].as_str().unwrap_or(""),
            "{stem}"
        );
        // A date the page declares; one inferred from a dateline and the file's time is not.
        let declared = article.date.filter(|d| !d.inferred);
        assert_eq!(
            declared.map(|d| d.date.to_string()).as_deref(),
            want["date"].as_str(),
            "{stem}"
        );
        assert_eq!(article.source.as_deref(), want["source"].as_str(), "{stem}");
        assert_eq!(article.url.as_deref(), want["url"].as_str(), "{stem}");
        for p in &article.paragraphs {
            for junk in [
                "भी पढ़ें",
                "विज्ञापन",
                "शेयर करें",
                "कुकीज़",
                "बहुत अच्छी खबर है",
                "फोटो:",
            ] {
                assert!(!p.contains(junk), "{stem}: {junk:?} in {p}");
            }
        }
    }
}

#[test]
fn a_dateline_in_a_page_is_read_as_in_wire_stories() {
    let outcome = load_file(&fixtures().join("jsonld-article-body.html"));
    let article = &outcome.articles[0];
    let dateline = article.dateline.as_ref().expect("dateline");
    assert_eq!(dateline.place.as_deref(), Some("जबलपुर"));
    assert!(article.paragraphs[0].starts_with("नर्मदा घाटी विकास प्राधिकरण"));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn rss_items_are_articles_and_summaries_are_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body: String = (1..=4)
        .map(|i| {
            format!(
                "<p>अनुच्छेद {i} जिसमें ख़बर का पूरा ब्योरा है और यह काफी लंबा है ताकि इसे सारांश न \
                 माना जाए। इसमें कई वाक्य हैं, जो बताते हैं कि शहर में क्या हुआ और किसने क्या कहा।</p>"
            )
        })
        .collect();
    let rss = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>नमूना पत्र</title><link>https://patra.example.in/</link>
<item><title>पूरी ख़बर</title><link>https://patra.example.in/a.html</link><guid>a</guid>
<pubDate>Thu, 20 Mar 2025 22:00:00 +0000</pubDate>
<description>छोटा सारांश।</description>
<content:encoded><![CDATA[{body}<p>यह भी पढ़ें: <a href="/x">दूसरी ख़बर</a></p>]]></content:encoded></item>
<item><title>केवल सारांश</title><link>/desh/b.html</link><guid>b</guid>
<description>&lt;p&gt;सिर्फ़ दो पंक्तियां।&lt;/p&gt;</description></item>
</channel></rss>"#
    );
    let path = write(dir.path(), "patra.rss", &rss);
    let outcome = load_file(&path);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let [full, summary] = &outcome.articles[..] else {
        panic!("two items: {:?}", outcome.articles);
    };
    assert_eq!(full.title, "पूरी ख़बर");
    // 22:00 UTC is the next morning in India.
    assert_eq!(
        full.date.map(|d| d.date.to_string()).as_deref(),
        Some("2025-03-21")
    );
    assert_eq!(full.paragraphs.len(), 4);
    assert!(!full.body().contains("भी पढ़ें"));
    assert!(!full.tags.iter().any(|t| t == "सारांश"));
    assert_eq!(full.source.as_deref(), Some("नमूना पत्र"));
    assert_eq!(summary.paragraphs, vec!["सिर्फ़ दो पंक्तियां।"]);
    assert!(summary.tags.iter().any(|t| t == "सारांश"));
    assert_eq!(
        summary.url.as_deref(),
        Some("https://patra.example.in/desh/b.html")
    );
    assert_eq!((full.line, summary.line), (Some(1), Some(2)));
    // The reader reopens an item by its number.
    let again = khabar::article::read_again(&summary.path, summary.line).expect("read again");
    assert_eq!(again.title, "केवल सारांश");
}

#[test]
fn atom_and_rss1_feeds_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.in/">
<title>एटम पत्र</title><id>urn:x</id><updated>2025-01-02T00:00:00Z</updated>
<entry><title type="html">बजट &amp;amp; बाज़ार</title><id>urn:1</id><link href="arthik/1.html"/>
<published>2025-01-02T06:00:00+05:30</published><updated>2025-01-02T06:00:00+05:30</updated>
<summary>बाज़ार में तेजी।</summary><category term="vyapar" label="व्यापार"/></entry></feed>"#;
    let outcome = load_file(&write(dir.path(), "a.atom", atom));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let a = &outcome.articles[0];
    assert_eq!(a.title, "बजट & बाज़ार");
    assert_eq!(
        a.url.as_deref(),
        Some("https://atom.example.in/arthik/1.html")
    );
    assert_eq!(
        a.date.map(|d| d.date.to_string()).as_deref(),
        Some("2025-01-02")
    );
    assert!(a.tags.iter().any(|t| t == "व्यापार"));

    let rss1 = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example.in/"><title>आरडीएफ पत्र</title><link>https://r.example.in/</link><description>d</description></channel>
<item rdf:about="https://r.example.in/1"><title>पहली</title><link>https://r.example.in/1</link><description>पाठ एक।</description><dc:date>2024-11-05T10:00:00+05:30</dc:date></item>
</rdf:RDF>"#;
    let outcome = load_file(&write(dir.path(), "r.xml", rss1));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.articles[0].title, "पहली");
    assert_eq!(
        outcome.articles[0]
            .date
            .map(|d| d.date.to_string())
            .as_deref(),
        Some("2024-11-05")
    );
}

#[test]
fn a_feed_of_a_thousand_items_loads_them_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let items: String = (0..1000)
        .map(|i| {
            format!(
                "<item><title>ख़बर {i}</title><link>https://k.example.in/{i}</link><guid>{i}</guid><description>पाठ {i}।</description></item>"
            )
        })
        .collect();
    let rss = format!(r#"<rss version="2.0"><channel><title>t</title>{items}</channel></rss>"#);
    let outcome = load_file(&write(dir.path(), "big.xml", &rss));
    assert!(outcome.errors.is_empty());
    assert_eq!(outcome.articles.len(), 1000);
    assert_eq!(outcome.articles[999].title, "ख़बर 999");
}

#[test]
fn files_that_are_not_feeds_or_pages_are_errors_not_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outcome = load_file(&write(dir.path(), "sitemap.xml", "<urlset><url/></urlset>"));
    assert!(outcome.articles.is_empty());
    assert!(outcome.errors[0].to_string().contains("not a feed"));
    let outcome = load_file(&write(dir.path(), "empty.html", "  \n"));
    assert!(outcome.errors[0].to_string().contains("empty"));
    let outcome = load_file(&write(dir.path(), "bare.html", "<p>बस।</p>"));
    assert!(outcome.errors[0].to_string().contains("no article"));
}
