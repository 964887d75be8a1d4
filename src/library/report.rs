//! The JSON `khabar index` prints: the folder's entities with the articles that name them,
//! the folder timeline, and the files that could not be read.

use std::borrow::Cow;

use serde::Serialize;

use super::{ArticleId, EventId, Library};
use crate::article::clean::safe_line;
use crate::extract::Kind;
use crate::extract::report::ErrorReport;
use crate::extract::time::TimelineEntry;

#[derive(Debug, Serialize)]
pub struct IndexReport<'a> {
    pub entities: Vec<EntityReport<'a>>,
    pub timeline: Vec<EventReport<'a>>,
    pub errors: Vec<ErrorReport>,
}

#[derive(Debug, Serialize)]
pub struct EntityReport<'a> {
    pub name: &'a str,
    pub kind: Kind,
    pub aliases: &'a [String],
    /// Paths of the articles that name it, newest first, printed as every path is
    /// ([`display_path`](crate::article::clean::display_path)).
    pub articles: Vec<Cow<'a, str>>,
    pub mentions: usize,
    /// For each article that names it only by another form (a surname), the form and what
    /// joined it: a title both are named with, or a name both articles give.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceReport<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceReport<'a> {
    pub path: Cow<'a, str>,
    pub form: &'a str,
    pub why: String,
}

#[derive(Debug, Serialize)]
pub struct EventReport<'a> {
    pub path: Cow<'a, str>,
    pub title: &'a str,
    #[serde(flatten)]
    pub entry: TimelineEntry,
}

impl<'a> IndexReport<'a> {
    pub fn new(library: &'a Library, errors: Vec<ErrorReport>) -> IndexReport<'a> {
        // An article's key (its path, `\xNN` for bytes that are not UTF-8), made safe to
        // print: the same text as display_path gives for the file.
        let path = |article: ArticleId| {
            safe_line(library.article(article).map_or("", |a| a.path.as_str()))
        };
        IndexReport {
            entities: library
                .entities
                .iter()
                .map(|e| EntityReport {
                    name: &e.name,
                    kind: e.kind,
                    aliases: &e.aliases,
                    articles: e.occurrences.iter().map(|o| path(o.article)).collect(),
                    mentions: e.mentions,
                    evidence: e
                        .occurrences
                        .iter()
                        .enumerate()
                        .filter_map(|(i, o)| {
                            let (form, why) = e.joined_by(i)?;
                            Some(EvidenceReport {
                                path: path(o.article),
                                form,
                                why: why.to_string(),
                            })
                        })
                        .collect(),
                })
                .collect(),
            timeline: library
                .timeline
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    Some(EventReport {
                        path: path(e.article),
                        title: &library.article(e.article)?.title,
                        entry: library.entry(EventId::new(i))?,
                    })
                })
                .collect(),
            errors,
        }
    }
}
