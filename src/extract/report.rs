//! The JSON `khabar extract` prints: each article with its entities (and, later, its
//! timeline), and the files that could not be read.

use serde::Serialize;

use super::time::TimelineEntry;
use super::{Entity, Extraction};
use crate::article::clean::display_path;
use crate::article::{Article, LoadError};

#[derive(Debug, Serialize)]
pub struct ExtractReport {
    pub articles: Vec<ArticleReport>,
    pub errors: Vec<ErrorReport>,
}

#[derive(Debug, Serialize)]
pub struct ArticleReport {
    pub path: String,
    /// The line in a `.jsonl` file, when the article came from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub title: String,
    /// `YYYY-MM-DD`, or null when the article gives no date.
    pub date: Option<String>,
    /// True when the date's year was inferred from the file's modification time.
    pub date_inferred: bool,
    pub dateline: DatelineReport,
    /// The date relative expressions were resolved against, and whether its year was
    /// inferred from the file's modification time.
    pub reference_date: Option<String>,
    pub reference_inferred: bool,
    pub body: String,
    pub entities: Vec<Entity>,
    /// Dated expressions and their events, in date order.
    pub timeline: Vec<TimelineEntry>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct DatelineReport {
    pub place: Option<String>,
    pub date_text: Option<String>,
    pub agency: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ErrorReport {
    pub path: String,
    pub error: String,
}

impl ArticleReport {
    pub fn new(article: &Article, found: Extraction) -> ArticleReport {
        let reference = found.reference;
        let reference_inferred = reference.is_some()
            && article
                .date
                .is_some_and(|d| d.inferred && Some(d.date) == reference);
        let dateline = article
            .dateline
            .as_ref()
            .map(|d| DatelineReport {
                place: d.place.clone(),
                date_text: d.date_text.clone(),
                agency: d.agency.clone(),
            })
            .unwrap_or_default();
        ArticleReport {
            path: display_path(&article.path),
            line: article.line,
            title: article.title.clone(),
            date: article.date.map(|d| d.date.format("%Y-%m-%d").to_string()),
            date_inferred: article.date.is_some_and(|d| d.inferred),
            dateline,
            reference_date: reference.map(|d| d.format("%Y-%m-%d").to_string()),
            reference_inferred,
            body: found.body,
            entities: found.entities,
            timeline: found.timeline,
            warnings: article.warnings.clone(),
        }
    }
}

impl ArticleReport {
    /// The report when the user gave the reference date (`--ref-date D`): the article's date
    /// is D, and nothing about it was inferred.
    pub fn with_given_date(mut self, given: Option<chrono::NaiveDate>) -> ArticleReport {
        if let Some(d) = given {
            let d = d.format("%Y-%m-%d").to_string();
            self.date = Some(d.clone());
            self.date_inferred = false;
            self.reference_date = Some(d);
            self.reference_inferred = false;
        }
        self
    }
}

impl From<&LoadError> for ErrorReport {
    fn from(e: &LoadError) -> ErrorReport {
        ErrorReport {
            path: display_path(&e.path),
            error: e.kind.to_string(),
        }
    }
}
