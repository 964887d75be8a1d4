//! The JSON `khabar index` prints: the folder's entities with the articles that name them,
//! the folder timeline, and the files that could not be read.

use serde::Serialize;

use super::Library;
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
    /// Paths of the articles that name it, newest first.
    pub articles: Vec<&'a str>,
    pub mentions: usize,
    /// For each article that names it only by another form (a surname), the form and what
    /// joined it: a title both are named with, or a name both articles give.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceReport<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceReport<'a> {
    pub path: &'a str,
    pub form: &'a str,
    pub why: String,
}

#[derive(Debug, Serialize)]
pub struct EventReport<'a> {
    pub path: &'a str,
    pub title: &'a str,
    #[serde(flatten)]
    pub entry: &'a TimelineEntry,
}

impl<'a> IndexReport<'a> {
    pub fn new(library: &'a Library, errors: Vec<ErrorReport>) -> IndexReport<'a> {
        let path = |article: usize| library.articles[article].path.as_str();
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
                        .filter_map(|o| {
                            let (form, why) = o.joined_by.as_ref()?;
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
                .map(|e| EventReport {
                    path: path(e.article),
                    title: &library.articles[e.article].title,
                    entry: &e.entry,
                })
                .collect(),
            errors,
        }
    }
}
