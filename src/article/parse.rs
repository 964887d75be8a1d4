//! Parsing cleaned file text into articles: wire-story `.txt`, one-object `.json`, and
//! `.jsonl` with one object per line. The articles come back without their file; the loader
//! sets `path` and `line`.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::clean::{clean_line, clean_text, collapse_spaces, paragraphs};
use super::dateline::{Dateline, split_dateline, standalone_dateline};
use super::{Article, ArticleDate, LoadErrorKind};

/// Parses a wire story: the title on the first line, a blank line, then paragraphs; a
/// dateline may open the first paragraph and an agency code may close the story.
/// `file_date` is the file's modification date, used to infer a dateline's year.
pub fn parse_txt(raw: &str, file_date: Option<NaiveDate>) -> Result<Article, LoadErrorKind> {
    let text = clean_text(raw);
    let mut paras = paragraphs(&text);
    if paras.is_empty() {
        return Err(LoadErrorKind::Empty);
    }
    // The title is the first line, even when no blank line follows it.
    let first = paras.remove(0);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let title = collapse_spaces(first_line);
    if let Some(rest) = first.strip_prefix(title.as_str()).map(str::trim)
        && !rest.is_empty()
    {
        paras.insert(0, rest.to_string());
    }
    let mut draft = Article {
        title,
        paragraphs: paras,
        ..Article::default()
    };
    split_agency_code(&mut draft);
    apply_dateline(&mut draft, file_date);
    Ok(draft)
}

/// Parses one JSON article object. `line` is its line in a `.jsonl` file, for messages.
pub fn parse_json(
    value: &Value,
    line: Option<usize>,
    file_date: Option<NaiveDate>,
) -> Result<Article, LoadErrorKind> {
    let obj = value.as_object().ok_or_else(|| LoadErrorKind::Json {
        line,
        column: None,
        message: "expected an object with \"title\" and \"body\"".into(),
    })?;
    let text_field = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .find_map(|n| obj.get(*n).and_then(Value::as_str))
            .map(clean_line)
            .filter(|s| !s.is_empty())
    };
    let mut paras = match obj.get("paragraphs") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .flat_map(|p| paragraphs(&clean_text(p)))
            .collect(),
        _ => ["body", "text", "content"]
            .iter()
            .find_map(|n| obj.get(*n).and_then(Value::as_str))
            .map(|b| paragraphs(&clean_text(b)))
            .unwrap_or_default(),
    };
    let title = match text_field(&["title", "headline"]) {
        Some(t) => t,
        None if !paras.is_empty() => {
            let first = paras[0].split(' ').take(10).collect::<Vec<_>>().join(" ");
            format!("{first}…")
        }
        None => return Err(LoadErrorKind::NoText),
    };
    if paras.is_empty() && title.is_empty() {
        return Err(LoadErrorKind::NoText);
    }
    let tags = ["tags", "category"]
        .iter()
        .find_map(|n| obj.get(*n))
        .map(|v| match v {
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .map(clean_line)
                .collect(),
            Value::String(s) => vec![clean_line(s)],
            _ => Vec::new(),
        })
        .unwrap_or_default();
    let mut draft = Article {
        title,
        source: text_field(&["source", "publisher"]),
        url: text_field(&["url", "link"]),
        place: text_field(&["place"]),
        tags,
        ..Article::default()
    };
    if let Some(date) = obj.get("date") {
        match date.as_str().and_then(parse_iso_date) {
            Some(d) => {
                draft.date = Some(ArticleDate {
                    date: d,
                    inferred: false,
                })
            }
            None if date.is_null() => {}
            None => draft
                .warnings
                .push(format!("date {date} is not an ISO date (YYYY-MM-DD)")),
        }
    }
    paras.retain(|p| !p.is_empty());
    draft.paragraphs = std::mem::take(&mut paras);
    split_agency_code(&mut draft);
    if let Some(given) = text_field(&["dateline"]) {
        // A dateline given as a field is read the same way as one opening the text.
        let probe = format!("{given} x");
        draft.dateline = split_dateline(&probe).map(|(d, _)| d);
        // The text may still open with it; strip it there too.
        strip_dateline_from_body(&mut draft);
    } else {
        apply_dateline(&mut draft, file_date);
    }
    if let (Some(d), Some(agency)) = (&mut draft.dateline, text_field(&["agency"])) {
        d.agency.get_or_insert(agency);
    }
    // A byline given as a field (a web page's or a feed's author) is the reporter, unless
    // the dateline names one.
    if let Some(author) = text_field(&["author", "byline"]) {
        let dateline = draft.dateline.get_or_insert_with(Default::default);
        dateline.reporter.get_or_insert(author);
    }
    if draft.place.is_none() {
        draft.place = draft.dateline.as_ref().and_then(|d| d.place.clone());
    }
    infer_date(&mut draft, file_date);
    Ok(draft)
}

/// `2024-03-21` or an RFC 3339 timestamp starting with it.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let day = s.trim().get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Finds the dateline: opening the first paragraph, or on a line of its own among the first
/// few paragraphs (after a subtitle, with the agency on another line), which is then removed.
fn apply_dateline(draft: &mut Article, file_date: Option<NaiveDate>) {
    if let Some(first) = draft.paragraphs.first()
        && let Some((dateline, rest)) = split_dateline(first)
    {
        let rest = rest.trim().to_string();
        draft.paragraphs[0] = rest;
        draft.dateline = Some(dateline);
    } else {
        apply_standalone_dateline(draft);
    }
    if draft.place.is_none() {
        draft.place = draft.dateline.as_ref().and_then(|d| d.place.clone());
    }
    infer_date(draft, file_date);
}

fn apply_standalone_dateline(draft: &mut Article) {
    let head = draft.paragraphs.len().saturating_sub(1).min(3);
    let found: Vec<(usize, Dateline)> = (0..head)
        .filter_map(|i| standalone_dateline(&draft.paragraphs[i]).map(|d| (i, d)))
        .collect();
    let Some(place_at) = found.iter().position(|(_, d)| d.place.is_some()) else {
        return;
    };
    let mut dateline = found[place_at].1.clone();
    for (_, d) in &found {
        if dateline.agency.is_none() {
            dateline.agency.clone_from(&d.agency);
        }
    }
    for (i, _) in found.iter().rev() {
        draft.paragraphs.remove(*i);
    }
    draft.dateline = Some(dateline);
}

fn strip_dateline_from_body(draft: &mut Article) {
    if let (Some(given), Some(first)) = (&draft.dateline, draft.paragraphs.first())
        && let Some((found, rest)) = split_dateline(first)
        && found.raw == given.raw
    {
        draft.paragraphs[0] = rest.trim().to_string();
    }
}

/// With no date given, a dateline's day and month date the article; the year, unless the
/// dateline gives it, is the latest one that does not put the article after the file's
/// modification date.
fn infer_date(draft: &mut Article, file_date: Option<NaiveDate>) {
    if draft.date.is_some() {
        return;
    }
    let Some(dm) = draft.dateline.as_ref().and_then(Dateline::day_month) else {
        return;
    };
    draft.date = match dm.year {
        Some(y) => NaiveDate::from_ymd_opt(y, dm.month, dm.day).map(|date| ArticleDate {
            date,
            inferred: false,
        }),
        None => file_date.and_then(|fd| {
            let this_year = NaiveDate::from_ymd_opt(fd.year(), dm.month, dm.day);
            let date = match this_year {
                Some(d) if d <= fd => Some(d),
                _ => NaiveDate::from_ymd_opt(fd.year() - 1, dm.month, dm.day),
            }?;
            Some(ArticleDate {
                date,
                inferred: true,
            })
        }),
    };
}

/// A short last paragraph such as `पीएसएम/`, `एजेंसी/आरके` or `(भाषा)` is a desk code.
fn split_agency_code(draft: &mut Article) {
    let Some(last) = draft.paragraphs.last() else {
        return;
    };
    let t = last.trim();
    let short = t.chars().count() <= 24 && t.split(' ').count() <= 3;
    let sentence = t.contains(['।', '?', '!']) || t.ends_with('.');
    let code_like = t.contains('/')
        || (t.starts_with('(') && t.ends_with(')'))
        || t.starts_with("--")
        || t.starts_with('—');
    if draft.paragraphs.len() > 1 && short && !sentence && code_like {
        draft.agency_code = draft.paragraphs.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_iso_date(s).expect("test date")
    }

    #[test]
    fn an_author_field_is_the_reporter_unless_the_dateline_names_one() {
        let json: Value =
            serde_json::from_str(r#"{"title":"ख़बर","body":"पटना में बैठक हुई।","author":"रमेश सिंह"}"#)
                .expect("json");
        let article = parse_json(&json, None, None).expect("article");
        let dateline = article.dateline.expect("dateline");
        assert_eq!(dateline.reporter.as_deref(), Some("रमेश सिंह"));
        assert_eq!(dateline.place, None);
    }

    #[test]
    fn wire_story_with_dateline_and_agency_code() {
        let raw = "शीर्षक यहां\n\nसोल, 21 मार्च . पहला अनुच्छेद.\n\nदूसरा अनुच्छेद.\n\nपीएसएम/";
        let d = parse_txt(raw, Some(date("2025-04-02"))).expect("parses");
        assert_eq!(d.title, "शीर्षक यहां");
        assert_eq!(d.paragraphs, vec!["पहला अनुच्छेद.", "दूसरा अनुच्छेद."]);
        assert_eq!(d.agency_code.as_deref(), Some("पीएसएम/"));
        let dl = d.dateline.expect("dateline");
        assert_eq!(dl.place.as_deref(), Some("सोल"));
        assert_eq!(
            d.date,
            Some(ArticleDate {
                date: date("2025-03-21"),
                inferred: true
            })
        );
    }

    #[test]
    fn inferred_year_never_lands_after_the_file_date() {
        let raw = "शीर्षक\n\nपटना, 30 दिसंबर (भाषा) पाठ।";
        let d = parse_txt(raw, Some(date("2025-01-02"))).expect("parses");
        assert_eq!(d.date.map(|d| d.date), Some(date("2024-12-30")));
    }

    #[test]
    fn title_without_blank_line() {
        let d = parse_txt("शीर्षक\nपहली पंक्ति\n", None).expect("parses");
        assert_eq!(d.title, "शीर्षक");
        assert_eq!(d.paragraphs, vec!["पहली पंक्ति"]);
    }

    #[test]
    fn json_with_paragraphs_and_unknown_fields() {
        let v: Value = serde_json::from_str(
            r#"{"title":"ख़बर","paragraphs":["एक","दो"],"date":"2024-06-19","source":"डेस्क","tags":["विज्ञान"],"x":1}"#,
        )
        .expect("json");
        let d = parse_json(&v, None, None).expect("parses");
        assert_eq!(d.title, "ख़बर");
        assert_eq!(d.paragraphs, vec!["एक", "दो"]);
        assert_eq!(
            d.date.map(|d| (d.date, d.inferred)),
            Some((date("2024-06-19"), false))
        );
        assert_eq!(d.tags, vec!["विज्ञान"]);
    }

    #[test]
    fn json_body_string_with_dateline() {
        let v: Value = serde_json::from_str(r#"{"title":"t","body":"मुंबई, 12 अगस्त . पाठ\n\nदूसरा"}"#)
            .expect("json");
        let d = parse_json(&v, Some(3), Some(date("2024-09-01"))).expect("parses");
        assert_eq!(d.paragraphs, vec!["पाठ", "दूसरा"]);
        assert_eq!(d.place.as_deref(), Some("मुंबई"));
        assert_eq!(d.date.map(|d| d.date), Some(date("2024-08-12")));
    }

    #[test]
    fn json_bad_date_is_a_warning_not_an_error() {
        let v: Value =
            serde_json::from_str(r#"{"title":"t","body":"b","date":"कल"}"#).expect("json");
        let d = parse_json(&v, None, None).expect("parses");
        assert_eq!(d.date, None);
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn json_without_text_is_an_error() {
        let v: Value = serde_json::from_str(r#"{"url":"x"}"#).expect("json");
        assert!(matches!(
            parse_json(&v, None, None),
            Err(LoadErrorKind::NoText)
        ));
        let v: Value = serde_json::from_str("[1]").expect("json");
        assert!(matches!(
            parse_json(&v, Some(2), None),
            Err(LoadErrorKind::Json { line: Some(2), .. })
        ));
    }
}
