//! A page's JSON-LD: the `NewsArticle`/`Article` object it declares (headline, dates, body,
//! author, publisher, keywords), found however deeply a site nests it.

use serde_json::Value;

use super::{Block, BlockKind, clean_blocks, collapse, fragment_paragraphs, split_keywords};

#[derive(Debug, Default)]
pub(super) struct LdArticle {
    pub(super) headline: Option<String>,
    pub(super) date: Option<String>,
    pub(super) body: Option<String>,
    pub(super) author: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) url: Option<String>,
    pub(super) keywords: Vec<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Report",
];

/// What a page that is no article says it is in its JSON-LD: a gallery, a section front.
pub(super) fn declared_kind(scripts: &[String]) -> Option<&'static str> {
    const KINDS: &[(&str, &str)] = &[
        ("ImageGallery", "a photo gallery, by its JSON-LD"),
        ("MediaGallery", "a photo gallery, by its JSON-LD"),
        ("VideoObject", "a video page, by its JSON-LD"),
        ("CollectionPage", "a section front, by its JSON-LD"),
        ("ItemList", "a list of articles, by its JSON-LD"),
    ];
    scripts.iter().find_map(|s| {
        KINDS
            .iter()
            .find(|(t, _)| s.contains(&format!("\"{t}\"")))
            .map(|(_, why)| *why)
    })
}

/// The first article object in the page's JSON-LD scripts (inside arrays and `@graph`).
pub(super) fn ld_article(scripts: &[String]) -> Option<LdArticle> {
    for script in scripts {
        let text = script
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim()
            .trim_end_matches(';');
        // Pages put raw line breaks inside strings; JSON does not allow them.
        let Ok(value) = serde_json::from_str::<Value>(text)
            .or_else(|_| serde_json::from_str::<Value>(&text.replace(['\n', '\r', '\t'], " ")))
        else {
            continue;
        };
        if let Some(found) = find_article(&value, 0) {
            return Some(read_ld(found));
        }
    }
    None
}

fn find_article(v: &Value, depth: usize) -> Option<&Value> {
    if depth > 6 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(obj) => {
            let typed = match obj.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if typed {
                return Some(v);
            }
            obj.get("@graph")
                .and_then(|g| find_article(g, depth + 1))
                .or_else(|| {
                    obj.get("mainEntity")
                        .and_then(|g| find_article(g, depth + 1))
                })
        }
        _ => None,
    }
}

fn read_ld(v: &Value) -> LdArticle {
    let s = |key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(|s| decode_entities(&collapse(s)))
            .filter(|s| !s.is_empty())
    };
    let name_of = |key: &str| -> Option<String> {
        let item = v.get(key)?;
        let first = match item {
            Value::Array(items) => items.first()?,
            other => other,
        };
        match first {
            Value::String(s) => Some(collapse(s)),
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(collapse),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    };
    let url = s("url").or_else(|| match v.get("mainEntityOfPage") {
        Some(Value::String(u)) => Some(u.clone()),
        Some(Value::Object(o)) => o
            .get("@id")
            .or_else(|| o.get("url"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    });
    let keywords = match v.get("keywords") {
        Some(Value::String(k)) => split_keywords(k).collect(),
        Some(Value::Array(ks)) => ks
            .iter()
            .filter_map(Value::as_str)
            .flat_map(split_keywords)
            .collect(),
        _ => Vec::new(),
    };
    LdArticle {
        headline: s("headline").or_else(|| s("name")),
        date: s("datePublished").or_else(|| s("dateCreated")),
        body: v
            .get("articleBody")
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|b| !b.trim().is_empty()),
        author: name_of("author"),
        publisher: name_of("publisher"),
        url,
        keywords,
    }
}

/// The few entities JSON-LD strings carry escaped a second time.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A declared body as paragraphs: HTML in it read as HTML, its lines as paragraphs.
pub(super) fn body_paragraphs(body: &str) -> Vec<String> {
    if body.contains("</p>") || body.contains("<br") {
        return fragment_paragraphs(body);
    }
    let body = decode_entities(body);
    let lines: Vec<&str> = body
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let blocks: Vec<Block> = lines
        .iter()
        .map(|l| Block {
            text: collapse(l),
            link_chars: 0,
            ancestors: Vec::new(),
            kind: BlockKind::Text,
        })
        .collect();
    clean_blocks(&blocks.iter().collect::<Vec<_>>())
}
