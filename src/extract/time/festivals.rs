//! The dates of moving festivals (दिवाली, होली, ईद…), from `assets/time/festivals.tsv`
//! (written by `assets/time/make_festivals.py` from a published holiday calendar), and the
//! occurrence a clause means: resolved by tense like a day and month without a year.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;

use super::calendar::Tense;

const TABLE: &str = include_str!("../../../assets/time/festivals.tsv");

/// Festival key → its dates, in order.
static DATES: LazyLock<HashMap<&'static str, Vec<NaiveDate>>> = LazyLock::new(|| {
    let mut out: HashMap<&'static str, Vec<NaiveDate>> = HashMap::new();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(key), Some(_year), Some(date)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            out.entry(key).or_default().push(date);
        }
    }
    for dates in out.values_mut() {
        dates.sort();
    }
    out
});

/// The date of festival `key` that a clause of tense `tense` written on `reference` means:
/// the latest on or before the reference for the past, the next from it for the future, and
/// when the tense is unknown the nearest one within the coming fortnight, else the latest
/// past one. None when the table has no date within about a year of the reference.
pub(super) fn festival_date(key: &str, reference: NaiveDate, tense: Tense) -> Option<NaiveDate> {
    let dates = DATES.get(key)?;
    let near = |d: &&NaiveDate| (**d - reference).num_days().abs() <= 400;
    let past = dates.iter().filter(near).rev().find(|d| **d <= reference);
    let next = dates.iter().filter(near).find(|d| **d >= reference);
    match tense {
        Tense::Past => past.or(next),
        Tense::Future => next.or(past),
        Tense::Unknown => next
            .filter(|d| (**d - reference).num_days() <= 14)
            .or(past)
            .or(next),
    }
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn festivals_resolve_by_tense() {
        // Diwali fell on 12 November 2023 and 31 October 2024 (1 November in some calendars).
        let r = d("2024-03-21");
        assert_eq!(
            festival_date("diwali", r, Tense::Past),
            Some(d("2023-11-12"))
        );
        let next = festival_date("diwali", r, Tense::Future).expect("diwali 2024");
        assert!(next == d("2024-10-31") || next == d("2024-11-01"), "{next}");
        // Holi 2024 was on 25 March: four days ahead, with no tense, is the coming one.
        assert_eq!(
            festival_date("holi", r, Tense::Unknown),
            Some(d("2024-03-25"))
        );
        assert_eq!(festival_date("holi", r, Tense::Past), Some(d("2023-03-08")));
    }

    #[test]
    fn a_festival_outside_the_table_has_no_date() {
        assert_eq!(festival_date("diwali", d("1950-01-01"), Tense::Past), None);
        assert_eq!(
            festival_date("no such festival", d("2024-01-01"), Tense::Past),
            None
        );
    }
}
