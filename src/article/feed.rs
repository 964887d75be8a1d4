//! News feeds (RSS 2.0, RSS 1.0, Atom 1.0, read with `feed-rs`): each item as an article,
//! marked when the feed gives only its summary.

use serde_json::{Value, json};

use super::html::fragment_paragraphs;

/// What a summary-only item says about itself (in the article's warnings).
pub const SUMMARY_NOTE: &str = "feed item with only a summary: the whole article is at its link";

/// The tag a summary-only item carries, so a reader can tell it from a whole article.
pub const SUMMARY_TAG: &str = "सारांश";

/// A feed: its title and link, and its items.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    pub title: Option<String>,
    pub link: Option<String>,
    pub items: Vec<Item>,
}

/// One item of a feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    /// The item's guid or id as the feed gives it (a generated one when it gives none).
    pub id: String,
    pub title: String,
    /// The item's link, made absolute against the feed's address or link when it can be.
    pub link: Option<String>,
    /// RFC 3339.
    pub published: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub paragraphs: Vec<String>,
    /// The feed gave a summary (or nothing), not the whole text.
    pub summary_only: bool,
}

impl Item {
    /// The item as a `.json` article object.
    pub fn to_json(&self) -> Value {
        let mut tags = self.tags.clone();
        if self.summary_only {
            tags.push(SUMMARY_TAG.to_string());
        }
        let mut obj = json!({
            "title": self.title,
            "body": self.paragraphs.join("\n\n"),
            "tags": tags,
        });
        for (key, value) in [
            ("date", &self.published),
            ("source", &self.source),
            ("url", &self.link),
            ("author", &self.author),
        ] {
            if let Some(v) = value {
                obj[key] = Value::String(v.clone());
            }
        }
        obj
    }
}

/// A body shorter than this is taken for a summary even when the feed calls it content.
const MIN_CONTENT_CHARS: usize = 400;

/// Reads a feed's bytes. `base` is the address it came from, for relative links.
pub fn read(bytes: &[u8], base: Option<&str>) -> Result<Feed, String> {
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    let feed = parser.parse(bytes).map_err(|e| e.to_string())?;
    let title = feed.title.as_ref().map(|t| plain(&t.content));
    let link = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    let resolve_base = base
        .or(link.as_deref())
        .and_then(|b| url::Url::parse(b).ok());
    let items = feed
        .entries
        .iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| absolute(&l.href, resolve_base.as_ref()));
            let content = entry
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .map(fragment_paragraphs)
                .unwrap_or_default();
            let summary = entry
                .summary
                .as_ref()
                .map(|s| fragment_paragraphs(&s.content))
                .unwrap_or_default();
            let content_chars: usize = content.iter().map(|p| p.chars().count()).sum();
            let summary_chars: usize = summary.iter().map(|p| p.chars().count()).sum();
            let (paragraphs, summary_only) = if content_chars >= summary_chars && content_chars > 0
            {
                (content, content_chars < MIN_CONTENT_CHARS)
            } else {
                (summary, true)
            };
            Item {
                id: entry.id.clone(),
                title: entry
                    .title
                    .as_ref()
                    .map(|t| plain(&t.content))
                    .unwrap_or_default(),
                link,
                published: entry.published.or(entry.updated).map(in_india),
                source: title.clone(),
                author: entry
                    .authors
                    .first()
                    .and_then(|a| a.name.as_deref())
                    .map(plain),
                tags: entry
                    .categories
                    .iter()
                    .map(|c| plain(c.label.as_deref().unwrap_or(&c.term)))
                    .filter(|t| !t.is_empty())
                    .take(20)
                    .collect(),
                paragraphs,
                summary_only,
            }
        })
        .collect();
    Ok(Feed { title, link, items })
}

/// feed-rs keeps the instant, not the feed's offset: Indian time gives the day a Hindi
/// paper printed it.
fn in_india(d: chrono::DateTime<chrono::Utc>) -> String {
    match chrono::FixedOffset::east_opt(5 * 3600 + 1800) {
        Some(ist) => d.with_timezone(&ist).to_rfc3339(),
        None => d.to_rfc3339(),
    }
}

/// `href` made absolute against `base` when it is relative.
fn absolute(href: &str, base: Option<&url::Url>) -> String {
    let href = href.trim();
    if url::Url::parse(href).is_ok() {
        return href.to_string();
    }
    base.and_then(|b| b.join(href).ok())
        .map(String::from)
        .unwrap_or_else(|| href.to_string())
}

/// A title or name as plain text (feeds put HTML and entities in them).
fn plain(s: &str) -> String {
    if s.contains('<') || s.contains('&') {
        fragment_paragraphs(s).join(" ")
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_articles_with_absolute_links() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>नमूना पत्र</title><link>https://example.in/</link>
<item><title>पहली ख़बर</title><link>/desh/pehli-khabar-1.html</link><guid>g1</guid>
<pubDate>Fri, 21 Mar 2025 10:00:00 +0530</pubDate>
<description>छोटा सारांश।</description></item>
</channel></rss>"#;
        let feed = read(rss.as_bytes(), None).expect("feed");
        assert_eq!(feed.items.len(), 1);
        let item = &feed.items[0];
        assert_eq!(item.title, "पहली ख़बर");
        assert_eq!(
            item.link.as_deref(),
            Some("https://example.in/desh/pehli-khabar-1.html")
        );
        assert!(item.summary_only);
        assert_eq!(item.source.as_deref(), Some("नमूना पत्र"));
        assert!(
            item.published
                .as_deref()
                .is_some_and(|d| d.starts_with("2025-03-21"))
        );
    }
}
