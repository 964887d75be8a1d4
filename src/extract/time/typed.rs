//! A date a reader types to go to on a timeline: `2025`, `2025-03`, `2025-03-12`,
//! `12/3/2025`, `march 2025`, `12 mar`, or Hindi as the articles write it (`मार्च 2025`,
//! `12 मार्च`, `पिछले साल जून`), resolved against a reference date (the event selected now).

use chrono::{Datelike, NaiveDate};

use super::{calendar_start, find_timexes};

/// The first day of the period `typed` names (a year's 1 January, a month's 1st, a day), or
/// `None` when it names no date. A day or month without a year takes the reference's year.
pub fn typed_date(typed: &str, reference: NaiveDate) -> Option<NaiveDate> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if typed.is_ascii() {
        return latin_date(&typed.to_ascii_lowercase(), reference);
    }
    let found = find_timexes(typed, Some(reference));
    let (y, m, d, _) = found.iter().find_map(calendar_start)?;
    NaiveDate::from_ymd_opt(y, m, d.max(1))
}

/// English month names and their plain Hindi spellings, January first.
const MONTHS: [&[&str]; 12] = [
    &["january", "janvari", "janwari"],
    &["february", "farvari", "farwari", "pharvari"],
    &["march", "marc"],
    &["april", "aprail", "apral"],
    &["may", "mai"],
    &["june", "joon", "jun"],
    &["july", "julai"],
    &["august", "agast"],
    &["september", "sitambar", "sitanbar"],
    &["october", "aktubar", "aktoobar"],
    &["november", "navambar", "navanbar"],
    &["december", "disambar", "disanbar"],
];

/// The month a Latin word names: a full name or spelling, or the first three letters or more
/// of an English name (`mar`, `sept`).
fn month_of(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|names| names.contains(&word) || (word.len() >= 3 && names[0].starts_with(word)))
        .map(|i| i as u32 + 1)
}

fn latin_date(typed: &str, reference: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = typed
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '.' | ','))
        .filter(|p| !p.is_empty())
        .collect();
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut numbers = Vec::new();
    for part in &parts {
        if let Ok(n) = part.parse::<u32>() {
            numbers.push((n, part.len()));
        } else if let Some(m) = month_of(part.trim_end_matches(|c: char| c.is_ascii_digit())) {
            if month.replace(m).is_some() {
                return None;
            }
        } else {
            return None;
        }
    }
    // A four-digit number is the year; with a month named, a small number is the day.
    // Numbers alone read year-month-day when the year comes first, else day/month/year.
    let year_first = numbers.first().is_some_and(|&(_, len)| len == 4);
    let mut rest = Vec::new();
    for (n, len) in numbers {
        if len == 4 && year.is_none() {
            year = Some(n as i32);
        } else {
            rest.push(n);
        }
    }
    match (month.is_some(), rest.as_slice()) {
        (true, []) => {}
        (true, [d]) => day = Some(*d),
        (false, []) => {}
        (false, [a]) if year_first => month = Some(*a),
        (false, [a, b]) if year_first => {
            month = Some(*a);
            day = Some(*b);
        }
        (false, [a, b]) => {
            day = Some(*a);
            month = Some(*b);
        }
        _ => return None,
    }
    if year.is_none() && month.is_none() {
        return None;
    }
    let year = year.unwrap_or(reference.year());
    NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn latin_dates_in_the_ways_people_type_them() {
        let today = date(2025, 6, 15);
        for (typed, want) in [
            ("2025", date(2025, 1, 1)),
            ("2024-03", date(2024, 3, 1)),
            ("2024-03-12", date(2024, 3, 12)),
            ("12/3/2024", date(2024, 3, 12)),
            ("12.03.2024", date(2024, 3, 12)),
            ("March 2024", date(2024, 3, 1)),
            ("mar", date(2025, 3, 1)),
            ("12 march", date(2025, 3, 12)),
            ("march 12, 2024", date(2024, 3, 12)),
            ("sept 2023", date(2023, 9, 1)),
            ("navambar 2024", date(2024, 11, 1)),
        ] {
            assert_eq!(typed_date(typed, today), Some(want), "{typed}");
        }
    }

    #[test]
    fn hindi_dates_as_articles_write_them() {
        let today = date(2025, 6, 15);
        assert_eq!(typed_date("मार्च 2024", today), Some(date(2024, 3, 1)));
        assert_eq!(typed_date("12 मार्च 2024", today), Some(date(2024, 3, 12)));
        assert_eq!(typed_date("२०२३", today).map(|d| d.year()), Some(2023));
    }

    #[test]
    fn what_names_no_date_is_none() {
        let today = date(2025, 6, 15);
        for typed in ["", "  ", "putin", "12", "2024-13", "31 feb 2024", "मोदी"] {
            assert_eq!(typed_date(typed, today), None, "{typed:?}");
        }
    }
}
