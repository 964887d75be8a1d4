//! Saved web pages (`.html`, `.htm`): the one article a news page holds, read from what the
//! page declares (JSON-LD, Open Graph) and from its main text, with the boilerplate left out.
//!
//! The order follows what pages get right most often: JSON-LD `NewsArticle`/`Article`
//! (`headline`, `datePublished`, `articleBody`, `author`, `publisher`), then Open Graph,
//! `article:published_time`, `<time datetime>` and `<link rel=canonical>`, then `<title>`.
//! The text is found readability-style: paragraphs score the blocks that hold them (by
//! length and punctuation, less their links), the best block and its strong siblings are
//! the article, and inside it navigation, share buttons, "यह भी पढ़ें" blocks, captions, ads,
//! comments and cookie banners are dropped. A page with no article (a section front, a
//! gallery) and a page typed in a legacy Hindi font (Kruti Dev mojibake) are errors with
//! the reason, never articles.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{Html, Node};
use serde_json::{Value, json};

mod jsonld;

use jsonld::{body_paragraphs, declared_kind, ld_article};

/// What a page gave: the fields of a `.json` article, before cleaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebArticle {
    pub title: String,
    /// As the page gives it (`2025-03-21T10:00:00+05:30`); only its first ten characters
    /// are read as the date.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub paragraphs: Vec<String>,
}

impl WebArticle {
    /// The article as a `.json` article object: what `khabar fetch` writes, and what the
    /// loader parses (so both read a page the same way).
    pub fn to_json(&self) -> Value {
        let mut obj = json!({
            "title": self.title,
            "body": self.paragraphs.join("\n\n"),
            "tags": self.tags,
        });
        for (key, value) in [
            ("date", &self.date),
            ("source", &self.source),
            ("url", &self.url),
            ("author", &self.author),
        ] {
            if let Some(v) = value {
                obj[key] = Value::String(v.clone());
            }
        }
        obj
    }
}

/// Why a page gave no article, in words for the `E` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// The text is in a legacy Hindi font encoding (Kruti Dev style): Latin letters that
    /// only that font shows as Devanagari.
    LegacyFont,
    /// A section front, a gallery, an index: no article text in the page.
    NoArticle(&'static str),
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::LegacyFont => write!(
                f,
                "the page is typed in a legacy Hindi font (Kruti Dev style), not Unicode: \
                 its text would show as Latin gibberish; convert it to Unicode first"
            ),
            PageError::NoArticle(why) => write!(f, "no article in this page ({why})"),
        }
    }
}

/// A page's bytes as text: its byte-order mark, else the charset its `<meta>` declares
/// (decoded with `encoding_rs`), else UTF-8, else windows-1252 as browsers do.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    decode_with(bytes, None)
}

/// [`decode`], with the charset an HTTP `Content-Type` header gave (it comes before the
/// page's own `<meta>`, as in browsers).
pub fn decode_with<'a>(bytes: &'a [u8], header_charset: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text;
    }
    let from_header = header_charset
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    let declared = from_header.or_else(|| declared_charset(&bytes[..bytes.len().min(4096)]));
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => enc.decode_without_bom_handling(bytes).0,
        _ => match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            // Declared UTF-8 but not quite: keep what is readable.
            Err(_) if declared.is_some() => String::from_utf8_lossy(bytes),
            Err(_) => {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
            }
        },
    }
}

/// The charset a page's head declares (`<meta charset>` or `http-equiv` content), or an
/// XML declaration's encoding.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i-u)(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
            .expect("static regex")
    });
    let m = CHARSET.captures(head)?.get(1)?;
    let enc = encoding_rs::Encoding::for_label(m.as_bytes())?;
    // A page cannot really be UTF-16 if the declaration was readable as ASCII.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(enc)
}

/// The article in a page.
pub fn extract(html: &str) -> Result<WebArticle, PageError> {
    let doc = Html::parse_document(html);
    let mut walk = Walk::new();
    walk.visit(doc.tree.root(), false);
    walk.flush();
    let meta = walk.meta;
    let ld = ld_article(&meta.ld_json);

    let region = main_text(&walk.blocks, &doc);
    let dom_paragraphs = match &region {
        Ok(paras) => paras.clone(),
        Err(_) => Vec::new(),
    };
    let ld_body = ld
        .as_ref()
        .and_then(|a| a.body.as_deref())
        .map(body_paragraphs)
        .filter(|p| char_len(p) >= 80);
    let paragraphs = match ld_body {
        // The page's own paragraphs when they hold the declared body (better breaks,
        // boilerplate already gone); the declared body when the page's text lost it.
        Some(declared) if !covers(&dom_paragraphs, &declared) => declared,
        Some(_) => dom_paragraphs,
        None => match region {
            Ok(p) => p,
            Err(e) => {
                return Err(match (&ld, meta.collection, declared_kind(&meta.ld_json)) {
                    (None, _, Some(kind)) => PageError::NoArticle(kind),
                    (_, true, _) => {
                        PageError::NoArticle("a section front or gallery, by its markup")
                    }
                    _ => e,
                });
            }
        },
    };
    if looks_like_legacy_font(&paragraphs, html) {
        return Err(PageError::LegacyFont);
    }

    let site = meta
        .og("og:site_name")
        .or_else(|| ld.as_ref()?.publisher.clone());
    let title = ld
        .as_ref()
        .and_then(|a| a.headline.clone())
        .or_else(|| meta.og("og:title"))
        .or_else(|| meta.og("twitter:title"))
        .or_else(|| meta.h1.clone())
        .or_else(|| {
            meta.title
                .as_deref()
                .map(|t| strip_site(t, site.as_deref()))
        })
        .unwrap_or_default();
    let date = ld
        .as_ref()
        .and_then(|a| a.date.clone())
        .or_else(|| meta.og("article:published_time"))
        .or_else(|| meta.og("og:article:published_time"))
        .or_else(|| meta.time.clone())
        .or_else(|| {
            [
                "date",
                "pubdate",
                "publish-date",
                "dc.date",
                "article:modified_time",
            ]
            .iter()
            .find_map(|k| meta.og(k))
        })
        .filter(|d| crate::article::parse_iso_date(d).is_some());
    let url = ld
        .as_ref()
        .and_then(|a| a.url.clone())
        .or_else(|| meta.canonical.clone())
        .or_else(|| meta.og("og:url"))
        .or_else(|| meta.saved_from.clone());
    let source = ld
        .as_ref()
        .and_then(|a| a.publisher.clone())
        .or_else(|| meta.og("og:site_name"))
        .or_else(|| url.as_deref().and_then(host_of));
    let mut tags = ld.as_ref().map(|a| a.keywords.clone()).unwrap_or_default();
    if tags.is_empty() {
        tags = meta.tags.clone();
    }
    tags.truncate(20);
    let author = ld.as_ref().and_then(|a| a.author.clone());
    let mut paragraphs = paragraphs;
    // A heading repeated as the first paragraph is the title, not text.
    if paragraphs.first().is_some_and(|p| same_text(p, &title)) {
        paragraphs.remove(0);
    }
    if paragraphs.is_empty() {
        return Err(PageError::NoArticle("no text found"));
    }
    Ok(WebArticle {
        title,
        date,
        source,
        url,
        author,
        tags,
        paragraphs,
    })
}

/// Paragraphs of an HTML fragment (a feed item's content), with the same boilerplate
/// rules as a page's text but no search for the main block.
pub fn fragment_paragraphs(fragment: &str) -> Vec<String> {
    if !fragment.contains('<') {
        let text = fragment.replace("&nbsp;", " ");
        return body_paragraphs(&text);
    }
    let doc = Html::parse_fragment(fragment);
    let mut walk = Walk::new();
    walk.visit(doc.tree.root(), false);
    walk.flush();
    let all: Vec<&Block> = walk.blocks.iter().collect();
    clean_blocks(&all)
}

// ---------------------------------------------------------------------------------------
// The walk: metadata, and the text as blocks with the containers that hold them.

/// One paragraph-like run of text and where it sits.
#[derive(Debug)]
struct Block {
    text: String,
    /// Characters inside links.
    link_chars: usize,
    /// Block containers around it, innermost last.
    ancestors: Vec<NodeId>,
    kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Text,
    Heading(u8),
    Item,
}

#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    h1: Option<String>,
    /// `<meta property|name=… content=…>`, names lowercased; the first of each kept.
    named: HashMap<String, String>,
    tags: Vec<String>,
    canonical: Option<String>,
    time: Option<String>,
    ld_json: Vec<String>,
    saved_from: Option<String>,
    /// The markup says it is a collection (a JSON-LD `CollectionPage`, an `ItemList`).
    collection: bool,
}

impl Meta {
    fn og(&self, key: &str) -> Option<String> {
        self.named
            .get(key)
            .cloned()
            .filter(|v| !v.trim().is_empty())
    }
}

struct Walk {
    meta: Meta,
    blocks: Vec<Block>,
    stack: Vec<NodeId>,
    text: String,
    link_chars: usize,
    kind: BlockKind,
}

/// Elements whose whole content is never article text.
fn skipped_element(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "nav"
            | "footer"
            | "aside"
            | "figure"
            | "figcaption"
            | "header"
            | "menu"
            | "dialog"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "canvas"
            | "map"
            | "head"
    )
}

/// Elements that end one block of text and start another.
fn block_element(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "br"
            | "hr"
            | "body"
            | "center"
            | "address"
    )
}

/// Class and id words that mark boilerplate wherever they are.
const BOILERPLATE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "also",
    "alsoread",
    "readmore",
    "read-more",
    "recommended",
    "recommend",
    "trending",
    "comment",
    "comments",
    "disqus",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adsbygoogle",
    "adslot",
    "dfp",
    "sponsor",
    "sponsored",
    "promo",
    "newsletter",
    "subscribe",
    "subscription",
    "breadcrumb",
    "breadcrumbs",
    "caption",
    "figcaption",
    "outbrain",
    "taboola",
    "popup",
    "modal",
    "byline",
    "author",
    "tags",
    "tag",
    "sidebar",
    "widget",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "footer",
    "masthead",
    "toolbar",
    "follow",
    "whatsapp",
    "print",
    "gallery",
    "slider",
    "carousel",
    "video",
    "player",
    "timestamp",
    "dateline-meta",
];

/// Class and id words that mark article text: a boilerplate word beside one of these
/// (`story-share` aside) does not remove the block.
const CONTENT_WORDS: &[&str] = &[
    "article", "story", "content", "body", "main", "entry", "post", "text", "detail", "news",
];

/// Whether an element's class or id says it is boilerplate.
fn boilerplate_attrs(class: Option<&str>, id: Option<&str>, role: Option<&str>) -> bool {
    if matches!(
        role,
        Some("navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert")
    ) {
        return true;
    }
    let mut bad = false;
    let mut good = false;
    for name in class
        .into_iter()
        .flat_map(str::split_ascii_whitespace)
        .chain(id)
    {
        let lower = name.to_ascii_lowercase();
        if BOILERPLATE_WORDS.contains(&lower.as_str()) {
            bad = true;
        }
        let words = lower.split(['-', '_']).filter(|w| !w.is_empty());
        for w in words {
            if BOILERPLATE_WORDS.contains(&w) {
                bad = true;
            }
            if CONTENT_WORDS.contains(&w) {
                good = true;
            }
        }
    }
    // A block named both ways (`article-share`) is boilerplate when it names a strong word.
    bad && (!good || strong_boilerplate(class, id))
}

fn strong_boilerplate(class: Option<&str>, id: Option<&str>) -> bool {
    const STRONG: &[&str] = &[
        "share",
        "social",
        "related",
        "comment",
        "comments",
        "cookie",
        "consent",
        "ad",
        "ads",
        "advert",
        "advertisement",
        "caption",
        "breadcrumb",
        "tags",
        "trending",
        "recommended",
        "newsletter",
        "byline",
        "author",
        "promo",
        "sponsored",
        "readmore",
        "also",
    ];
    class
        .into_iter()
        .flat_map(str::split_ascii_whitespace)
        .chain(id)
        .flat_map(|n| n.split(['-', '_']))
        .any(|w| STRONG.iter().any(|s| w.eq_ignore_ascii_case(s)))
}

impl Walk {
    fn new() -> Self {
        Walk {
            meta: Meta::default(),
            blocks: Vec::new(),
            stack: Vec::new(),
            text: String::new(),
            link_chars: 0,
            kind: BlockKind::Text,
        }
    }

    fn visit(&mut self, node: NodeRef<'_, Node>, in_link: bool) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => {
                    let t: &str = t;
                    push_collapsed(&mut self.text, t);
                    if in_link {
                        self.link_chars += t.trim().chars().count();
                    }
                }
                Node::Comment(c) => {
                    if self.meta.saved_from.is_none()
                        && let Some(rest) = c.trim().strip_prefix("saved from url=")
                    {
                        // `(0058)https://…`: the length, then the address.
                        let url = rest.split(')').nth(1).unwrap_or(rest).trim();
                        if url.starts_with("http") {
                            self.meta.saved_from = Some(url.to_string());
                        }
                    }
                }
                Node::Element(e) => {
                    let name = e.name();
                    self.read_meta(child, name, e);
                    if skipped_element(name) {
                        if name == "head" {
                            self.visit_head(child);
                        }
                        continue;
                    }
                    if name == "br" {
                        self.flush();
                        continue;
                    }
                    if boilerplate_attrs(e.attr("class"), e.id(), e.attr("role"))
                        || e.attr("hidden").is_some()
                        || e.attr("aria-hidden") == Some("true")
                        || hidden_style(e.attr("style"))
                    {
                        continue;
                    }
                    if block_element(name) {
                        self.flush();
                        self.stack.push(child.id());
                        self.kind = match name.as_bytes() {
                            [b'h', d @ b'1'..=b'6'] => BlockKind::Heading(d - b'0'),
                            b"li" | b"dd" | b"dt" => BlockKind::Item,
                            _ => BlockKind::Text,
                        };
                        self.visit(child, in_link);
                        self.flush();
                        self.stack.pop();
                    } else {
                        let link = in_link || name == "a";
                        self.visit(child, link);
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads the head only for metadata (scripts with JSON-LD, `<meta>`, `<title>`).
    fn visit_head(&mut self, head: NodeRef<'_, Node>) {
        for node in head.descendants() {
            if let Node::Element(e) = node.value() {
                self.read_meta(node, e.name(), e);
            }
        }
    }

    fn read_meta(&mut self, node: NodeRef<'_, Node>, name: &str, e: &scraper::node::Element) {
        match name {
            "meta" => {
                let key = e.attr("property").or_else(|| e.attr("name"));
                if let (Some(key), Some(content)) = (key, e.attr("content")) {
                    let key = key.to_ascii_lowercase();
                    if key == "article:tag" || key == "news_keywords" || key == "keywords" {
                        if self.meta.tags.is_empty() || key == "article:tag" {
                            self.meta.tags.extend(split_keywords(content));
                        }
                    } else {
                        self.meta
                            .named
                            .entry(key)
                            .or_insert_with(|| collapse(content));
                    }
                }
            }
            "title" if self.meta.title.is_none() => {
                self.meta.title = Some(collapse(&text_of(node)));
            }
            "link" => {
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && let Some(href) = e.attr("href")
                {
                    self.meta
                        .canonical
                        .get_or_insert_with(|| href.trim().to_string());
                }
            }
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                self.meta.ld_json.push(text_of(node));
            }
            "time" if self.meta.time.is_none() => {
                if let Some(dt) = e.attr("datetime") {
                    self.meta.time = Some(dt.trim().to_string());
                }
            }
            "h1" if self.meta.h1.is_none() => {
                let t = collapse(&text_of(node));
                if !t.is_empty() {
                    self.meta.h1 = Some(t);
                }
            }
            _ => {}
        }
        if let Some(t) = e.attr("itemtype")
            && (t.ends_with("/CollectionPage") || t.ends_with("/ItemList"))
        {
            self.meta.collection = true;
        }
    }

    /// Ends the block being gathered.
    fn flush(&mut self) {
        let text = self.text.trim();
        if !text.is_empty() {
            self.blocks.push(Block {
                text: text.to_string(),
                link_chars: self.link_chars,
                ancestors: self.stack.clone(),
                kind: self.kind,
            });
        }
        self.text.clear();
        self.link_chars = 0;
        self.kind = BlockKind::Text;
    }
}

fn hidden_style(style: Option<&str>) -> bool {
    style.is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            out.push_str(t);
        }
    }
    out
}

/// Appends `t` with runs of whitespace as one space.
fn push_collapsed(out: &mut String, t: &str) {
    for (i, part) in t.split(|c: char| c.is_whitespace()).enumerate() {
        if i > 0 && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(part);
    }
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out.trim().to_string()
}

fn split_keywords(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split([',', '،'])
        .map(collapse)
        .filter(|k| !k.is_empty() && k.chars().count() <= 60)
}

// ---------------------------------------------------------------------------------------
// The main text.

/// Blocks shorter than this do not vote for their container.
const MIN_SCORED_CHARS: usize = 25;
/// Less article text than this is no article.
const MIN_ARTICLE_CHARS: usize = 200;

/// The article's paragraphs: the best-scored container and its strong siblings, cleaned.
fn main_text(blocks: &[Block], doc: &Html) -> Result<Vec<String>, PageError> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    // Characters and link characters under each container.
    let mut sizes: HashMap<NodeId, (usize, usize)> = HashMap::new();
    for b in blocks {
        let chars = b.text.chars().count();
        for id in &b.ancestors {
            let e = sizes.entry(*id).or_default();
            e.0 += chars;
            e.1 += b.link_chars.min(chars);
        }
        if chars < MIN_SCORED_CHARS || b.link_chars * 2 > chars || b.kind != BlockKind::Text {
            continue;
        }
        let punctuation = b.text.matches(['।', ',', '?', '!', '|']).count() as f64;
        let score = 1.0 + punctuation + (chars as f64 / 100.0).min(3.0);
        // The block's own element is the paragraph; its container and the one above vote.
        let n = b.ancestors.len();
        let holders = if n >= 2 && is_paragraph(doc, b.ancestors[n - 1]) {
            &b.ancestors[..n - 1]
        } else {
            &b.ancestors[..]
        };
        for (level, id) in holders.iter().rev().take(3).enumerate() {
            let share = [1.0, 0.5, 1.0 / 3.0][level];
            *scores.entry(*id).or_default() += score * share;
        }
    }
    let density = |id: &NodeId| {
        let (chars, links) = sizes.get(id).copied().unwrap_or((0, 0));
        if chars == 0 {
            1.0
        } else {
            links as f64 / chars as f64
        }
    };
    let best = scores
        .iter()
        .map(|(id, s)| (*id, s * (1.0 - density(id))))
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    let Some((best, best_score)) = best else {
        return Err(PageError::NoArticle("no paragraphs of text"));
    };
    // Siblings of the best container that score well belong to the article too (a body
    // split by an ad slot).
    let parent = doc.tree.get(best).and_then(|n| n.parent()).map(|p| p.id());
    let mut chosen = vec![best];
    if let Some(parent) = parent
        && let Some(parent_node) = doc.tree.get(parent)
    {
        for sibling in parent_node.children() {
            let id = sibling.id();
            if id == best {
                continue;
            }
            let s = scores.get(&id).copied().unwrap_or(0.0) * (1.0 - density(&id));
            if s >= (best_score * 0.2).max(10.0) && density(&id) < 0.25 {
                chosen.push(id);
            }
        }
    }
    let selected: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.ancestors.iter().any(|a| chosen.contains(a)))
        .collect();
    let region_chars: usize = selected.iter().map(|b| b.text.chars().count()).sum();
    let region_links: usize = selected.iter().map(|b| b.link_chars).sum();
    if region_chars > 0 && region_links * 10 > region_chars * 4 {
        return Err(PageError::NoArticle(
            "mostly links: a section front or an index",
        ));
    }
    let linked_headings = selected
        .iter()
        .filter(|b| {
            matches!(b.kind, BlockKind::Heading(_)) && b.link_chars * 2 > b.text.chars().count()
        })
        .count();
    let paragraphs = clean_blocks(&selected);
    let longest = paragraphs
        .iter()
        .map(|p| p.chars().count())
        .max()
        .unwrap_or(0);
    if linked_headings >= 4 && longest < 300 {
        return Err(PageError::NoArticle(
            "a list of linked headlines: a section front",
        ));
    }
    if char_len(&paragraphs) < MIN_ARTICLE_CHARS {
        return Err(PageError::NoArticle(
            "too little text: a section front, a gallery or a video page",
        ));
    }
    Ok(paragraphs)
}

fn is_paragraph(doc: &Html, id: NodeId) -> bool {
    doc.tree
        .get(id)
        .and_then(|n| n.value().as_element().map(|e| e.name() == "p"))
        .unwrap_or(false)
}

/// Markers of a related-links block inside the text.
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*[\[(]?\s*(?:यह|ये|इसे|इन्हें|यहां|यहाँ)\s+भी\s+पढ़(?:ें|े|िए|ें)|^\s*(?:और|अन्य)\s+(?:पढ़ें|खबरें|ख़बरें)|^\s*(?:संबंधित|सम्बंधित|संबंधित)\s+(?:खबर|ख़बर|खबरें|ख़बरें|लेख)|^\s*(?:पढ़ें|पढ़िए)\s*[:：\-–]|^\s*(?:also\s+read|read\s+also|read\s+more|related|must\s+read)\b",
    )
    .expect("static regex")
});

/// Short lines that are page furniture, not text.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:विज्ञापन|advertisement|ad|sponsored|स्पॉन्सर्ड|शेयर\s*करें|share|tweet|फॉलो\s*करें|follow\s+us.*|.*google\s+news.*|.*गूगल\s+न्यूज़?.*|.*(?:व्हाट्सएप|whatsapp)\s+(?:चैनल|channel).*|लेटेस्ट.*अपडेट.*|(?:updated|published|अपडेटेड|प्रकाशित)\s*[:：].*|(?:photo|फोटो|तस्वीर|चित्र)\s*[:：].*|(?:image|file photo|सांकेतिक तस्वीर)\b.*|(?:टैग्स?|tags)\s*[:：].*|(?:लेखक|रिपोर्ट|edited by|written by|by)\s*[:：].*)\s*$",
    )
    .expect("static regex")
});

/// A line that is only a date or a time (`20-12-2024`, `14 फरवरी 2025, 09:30 AM IST`).
static DATE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s\d\-/.:,|]*(?:(?:जनवरी|फरवरी|फ़रवरी|मार्च|अप्रैल|अप्रेल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|am|pm|ist|बजे)[\s\d\-/.:,|]*)*$",
    )
    .expect("static regex")
});

/// The text of the chosen blocks: related-link blocks, link lists, furniture and repeats
/// left out.
fn clean_blocks(blocks: &[&Block]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // After a bare "यह भी पढ़ें" heading, the links that follow belong to it.
    let mut in_related = false;
    for b in blocks {
        let chars = b.text.chars().count();
        let linky = b.link_chars * 2 > chars;
        if RELATED.is_match(&b.text) {
            in_related = chars < 40 || linky;
            continue;
        }
        if in_related {
            if linky || b.kind == BlockKind::Item {
                continue;
            }
            in_related = false;
        }
        if linky {
            continue;
        }
        if b.kind == BlockKind::Heading(1) {
            continue;
        }
        if chars <= 80 && (FURNITURE.is_match(&b.text) || DATE_ONLY.is_match(&b.text)) {
            continue;
        }
        if out.last().is_some_and(|last| *last == b.text) {
            continue;
        }
        out.push(b.text.clone());
    }
    out
}

fn char_len(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}

/// Whether the page's paragraphs hold (nearly) all of the declared body's words, and not
/// much more.
fn covers(found: &[String], declared: &[String]) -> bool {
    let found_chars = char_len(found);
    let declared_chars = char_len(declared);
    if found_chars == 0 || found_chars * 10 > declared_chars * 13 {
        return false;
    }
    let mut bag: HashMap<&str, i32> = HashMap::new();
    for w in found.iter().flat_map(|p| p.split_whitespace()) {
        *bag.entry(w).or_default() += 1;
    }
    let (mut hit, mut total) = (0usize, 0usize);
    for w in declared.iter().flat_map(|p| p.split_whitespace()) {
        total += 1;
        if let Some(n) = bag.get_mut(w)
            && *n > 0
        {
            *n -= 1;
            hit += 1;
        }
    }
    total > 0 && hit * 10 >= total * 9
}

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// `शीर्षक | साइट` or `शीर्षक - साइट` without the site's name.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_is_site = site.is_some_and(|s| same_text(tail, s))
                || (tail.chars().count() <= 30 && head.chars().count() > tail.chars().count());
            if tail_is_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

// ---------------------------------------------------------------------------------------
// Legacy fonts.

/// Common Hindi words as a Kruti Dev font shows them from Latin letters (का, की, के, में,
/// है, और, से, को, ने, कि, था, थी, हैं, यह, भी, तक, पर, लिए, किया, गया).
const KRUTI_WORDS: &[&str] = &[
    "dk", "dh", "ds", "esa", "gS", "vkSj", "ls", "dks", "us", "fd", "Fkk", "Fkh", "gSa", ";g",
    "Hkh", "rd", "ij", "fy,", "fd;k", "x;k", "gks", "Hkkjr", "lkFk",
];

/// Whether the text is Latin mojibake of a legacy Hindi font: almost no Devanagari, and
/// many of the commonest Hindi words as such a font encodes them (or the page names such a
/// font and its text is not Devanagari).
fn looks_like_legacy_font(paragraphs: &[String], html: &str) -> bool {
    let (mut deva, mut latin) = (0usize, 0usize);
    for c in paragraphs.iter().flat_map(|p| p.chars()) {
        if ('\u{0900}'..='\u{097F}').contains(&c) {
            deva += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if deva * 4 > latin {
        return false;
    }
    let words: Vec<&str> = paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect();
    let hits = words.iter().filter(|w| KRUTI_WORDS.contains(w)).count();
    if !words.is_empty() && hits * 100 >= words.len() * 8 {
        return true;
    }
    static FONT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:font-family|face)\s*[:=][^;{}>]{0,80}?(?:kruti|devlys|chanakya|walkman|shusha)",
        )
            .expect("static regex")
    });
    latin > 0 && FONT.is_match(html) && hits * 100 >= words.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_markers() {
        for s in [
            "यह भी पढ़ें: कुछ",
            "ये भी पढ़ें",
            "इसे भी पढ़ें -",
            "Also Read: x",
            "पढ़ें: कुछ और",
        ] {
            assert!(RELATED.is_match(s), "{s}");
        }
        assert!(!RELATED.is_match("उन्होंने कहा कि यह भी पढ़ें तो अच्छा"));
    }

    #[test]
    fn site_names_leave_the_title() {
        assert_eq!(
            strip_site("शहर में आज की सबसे बड़ी खबर | दैनिक पत्र", None),
            "शहर में आज की सबसे बड़ी खबर"
        );
        assert_eq!(strip_site("बड़ी खबर - पत्र", Some("पत्र")), "बड़ी खबर");
    }

    #[test]
    fn declared_legacy_charsets_are_decoded() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>\x93caf\xe9\x94</body></html>";
        assert!(decode(page).contains("\u{201c}caf\u{e9}\u{201d}"));
        let utf8 = "<meta charset=utf-8><p>ख़बर</p>";
        assert!(decode(utf8.as_bytes()).contains("ख़बर"));
    }

    #[test]
    fn the_declared_body_stands_in_when_the_page_has_no_text() {
        // A page whose text is drawn by a script: only its JSON-LD holds the article.
        let body = "पहला अनुच्छेद, जिसमें शहर की ख़बर का ब्योरा है और कई बातें कही गई हैं।\n\
                    दूसरा अनुच्छेद, जिसमें अधिकारियों ने आगे की योजना बताई और समय दिया।\n\
                    यह भी पढ़ें: कोई और ख़बर";
        let ld = json!({"@type": "NewsArticle", "headline": "शीर्षक", "datePublished":
            "2025-03-21T10:00:00+05:30", "articleBody": body, "author": {"name": "लेखक"},
            "publisher": {"@type": "Organization", "name": "पत्र"}});
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{ld}</script></head>\
             <body><div id=\"root\"></div><script>render()</script></body></html>"
        );
        let article = extract(&page).expect("an article");
        assert_eq!(article.title, "शीर्षक");
        assert_eq!(article.date.as_deref(), Some("2025-03-21T10:00:00+05:30"));
        assert_eq!(article.source.as_deref(), Some("पत्र"));
        assert_eq!(article.author.as_deref(), Some("लेखक"));
        assert_eq!(article.paragraphs.len(), 2, "{:?}", article.paragraphs);
    }

    #[test]
    fn kruti_dev_text_is_recognised() {
        let p =
            vec!["Hkkjr dh jkt/kkuh fnYyh esa vkt ckfj'k gqbZ vkSj ekSle Bhd gks x;k gSA".into()];
        assert!(looks_like_legacy_font(&p, ""));
        let en = vec![
            "The minister said the bridge would open in March, and that the work was on time."
                .into(),
        ];
        assert!(!looks_like_legacy_font(&en, ""));
    }
}
