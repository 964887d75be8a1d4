//! Dates and what may follow them: the date entry point (आज, बुधवार को, पिछले साल, वित्त
//! वर्ष 2023-24, पहली तिमाही, 19वीं सदी), a time of day after a date, and START/MID/END.

use chrono::NaiveDate;

use super::clock::TimeOfDay;
use super::{Ctx, Hit, forced};
use crate::extract::time::TimexKind;
use crate::extract::time::calendar::{Point, Tense, shifted_unit, weekday_date};
use crate::extract::time::lexicon::{Lex, Unit};

impl Ctx<'_, '_> {
    /// START/MID/END after a date: की शुरुआत, के मध्य, के अंत.
    pub(super) fn mod_suffix(&self, k: usize) -> (usize, Option<&'static str>) {
        const START: &[&str] = &[
            "शुरुआत",
            "शुरूआत",
            "शुरू",
            "आरंभ",
            "प्रारंभ",
            "आरम्भ",
            "प्रारम्भ",
            "शुरुआती",
        ];
        const MID: &[&str] = &["मध्य", "बीच"];
        const END: &[&str] = &["अंत", "आखिर", "अंतिम", "आखिरी", "समाप्ति"];
        let (at, genitive) = if self.is_any(k, &["की", "के", "का"]) {
            (k + 1, true)
        } else {
            (k, false)
        };
        let m = if self.is_any(at, START) {
            Some("START")
        } else if genitive && self.is_any(at, MID) && !self.is(at, "बीच") {
            Some("MID")
        } else if genitive && self.is(at, "बीच") && !self.is(k, "के") {
            None
        } else if self.is_any(at, END) {
            Some("END")
        } else {
            None
        };
        match m {
            Some(m) => (at + 1, Some(m)),
            None => (k, None),
        }
    }

    /// A date with an optional time of day after it; `date` None: the date is unknown.
    pub(super) fn dated(
        &self,
        i: usize,
        k: usize,
        date: Option<Point>,
        known: bool,
    ) -> Option<Hit> {
        let (end, tod) = self.time_tail(k);
        if tod.is_empty() {
            let (end, modifier) = self.mod_suffix(k);
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Date,
                value: date.map(Point::value),
                modifier,
            });
        }
        let day = match date {
            Some(Point::Day(d)) => Some(self.date_str(Some(d))),
            None if known => None,
            _ => Some("XXXX-XX-XX".to_string()),
        };
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Time,
            value: day.map(|d| tod.value(&d)),
            modifier: tod.approx.then_some("APPROX"),
        })
    }

    /// Dates: आज, कल रात, बुधवार को, 21 मार्च 2025, नवंबर में, पिछले साल जून, 2024 में…
    pub(super) fn date_expr(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let mut shift = None;
        if let Lex::Shift(s) = self.lex(j) {
            shift = Some(s);
            j += 1;
        } else if self.is(j, "आने") && self.is_any(j + 1, &["वाले", "वाला", "वाली"])
        {
            shift = Some(1);
            j += 2;
        }
        let r = self.reference;
        if self.is(j, "वित्त") && self.is_any(j + 1, &["वर्ष", "साल"]) {
            return self.fiscal_year(i, j + 2, shift);
        }
        match self.lex(j) {
            Lex::Unit(unit) if shift.is_some() => {
                self.shifted_unit_expr(i, j, unit, shift.unwrap_or(0))
            }
            Lex::Part(p) if shift == Some(-1) => {
                let day = r.and_then(|r| r.pred_opt());
                let tod = TimeOfDay {
                    part: Some(p),
                    ..TimeOfDay::default()
                };
                let (end, more) = self.time_tail(j);
                let tod = if more.is_empty() { tod } else { more };
                let end = end.max(j + 1);
                Some(Hit {
                    first: i,
                    end,
                    kind: TimexKind::Time,
                    value: Some(tod.value(&self.date_str(day))),
                    modifier: None,
                })
            }
            Lex::Weekday(w) => {
                let tense = forced(shift).unwrap_or_else(|| self.tense(i, j + 1));
                let date = r.and_then(|r| weekday_date(r, w, tense, shift.is_some()));
                let mut k = j + 1;
                if let Lex::Dash = self.lex(k)
                    && let Lex::Weekday(_) = self.lex(k + 1)
                {
                    k += 2;
                }
                match date {
                    Some(d) => self.dated(i, k, Some(Point::Day(d)), true),
                    None => {
                        let mut h = self.dated(i, k, None, true)?;
                        if h.kind == TimexKind::Date {
                            h.value = Some(format!("XXXX-WXX-{w}"));
                        } else if let Some(v) = &h.value {
                            h.value = Some(v.replacen("XXXX-XX-XX", &format!("XXXX-WXX-{w}"), 1));
                        }
                        Some(h)
                    }
                }
            }
            Lex::Deixis(d) if shift.is_none() => {
                let mut k = j + 1;
                if let Lex::Weekday(_) = self.lex(k) {
                    k += 1;
                }
                let tense = self.tense(i, k);
                let days = match (d, tense) {
                    (0, _) => 0,
                    (d, Tense::Future) => d,
                    (d, _) => -d,
                };
                let date =
                    r.and_then(|r| r.checked_add_signed(chrono::Duration::days(i64::from(days))));
                let mut h = self.dated(i, k, date.map(Point::Day), true)?;
                if date.is_none() && h.kind == TimexKind::Date {
                    h.value = None;
                }
                Some(h)
            }
            Lex::Num { .. } if self.day_num(j).is_some() => self.day_month_expr(i, j, shift),
            Lex::Month(m) => self.month_expr(i, j, m, shift, None),
            Lex::Num { digits: 4, .. } => self.year_expr(i, j, false),
            Lex::Num { n, .. }
                if self.is(j + 1, "के")
                    && self.is(j + 2, "दशक")
                    && n % 10 == 0
                    && (10..=90).contains(&n) =>
            {
                let decade = 190 + i32::try_from(n / 10).ok()?;
                self.hit(i, j + 3, TimexKind::Date, Some(format!("{decade}")))
            }
            Lex::Ordinal(o) if shift.is_none() => self.ordinal_expr(i, j, o),
            Lex::Season(s) => {
                let known = shift.is_some()
                    || (self.is(j + 1, "के") && self.is_any(j + 2, &["मौसम", "दिनों"]));
                if !known {
                    return None;
                }
                let y = r.map(|r| chrono::Datelike::year(&r) + shift.unwrap_or(0));
                let end = if shift.is_some() { j + 1 } else { j + 3 };
                self.hit(
                    i,
                    end,
                    TimexKind::Date,
                    y.map(|y| Point::Season(y, s).value()),
                )
            }
            Lex::Anaphor if shift.is_none() => {
                let k = j + 1;
                let ok = matches!(self.lex(k), Lex::Unit(Unit::Day) | Lex::Part(_))
                    || self.is_any(k, &["समय", "वक्त", "दौरान", "साल", "वर्ष", "महीने", "दिन"]);
                if !ok || self.is(k, "दिनों") {
                    return None;
                }
                if let Lex::Part(p) = self.lex(k) {
                    let (end, tod) = self.time_tail(k);
                    let _ = p;
                    return Some(
                        Hit {
                            first: i,
                            end,
                            kind: TimexKind::Time,
                            value: None,
                            modifier: None,
                        }
                        .with_time(tod),
                    );
                }
                self.hit(i, k + 1, TimexKind::Date, None)
            }
            _ if shift.is_none() && self.is_any(j, &["सन्", "सन", "साल", "वर्ष", "ईस्वी"]) => {
                self.year_expr(i, j + 1, true)
            }
            _ => None,
        }
    }

    /// Indian fiscal years (April to March): चालू वित्त वर्ष, वित्त वर्ष 2023-24.
    fn fiscal_year(&self, i: usize, k: usize, shift: Option<i32>) -> Option<Hit> {
        let (start, end) = match self.year_num(k) {
            Some(y) => {
                let mut e = k + 1;
                if self.lex(e) == Lex::Dash && matches!(self.lex(e + 1), Lex::Num { .. }) {
                    e += 2;
                }
                (Some(y), e)
            }
            None => {
                let y = self.reference.map(|r| {
                    let y = chrono::Datelike::year(&r);
                    let fy = if chrono::Datelike::month(&r) >= 4 {
                        y
                    } else {
                        y - 1
                    };
                    fy + shift.unwrap_or(0)
                });
                (y, k)
            }
        };
        let value = start.map(|y| format!("{y:04}-04/{:04}-03", y + 1));
        self.hit(i, end, TimexKind::Date, value)
    }

    /// पिछले साल, इस महीने की शुरुआत, अगले सप्ताह, पिछले साल जून, इस साल की पहली तिमाही.
    fn shifted_unit_expr(&self, i: usize, j: usize, unit: Unit, s: i32) -> Option<Hit> {
        let t = self.tok(j)?;
        let plural = t.key.ends_with("ों") || t.key.ends_with("ो");
        let r = self.reference;
        if plural {
            if unit == Unit::Day {
                let v = match s {
                    s if s < 0 => "PAST_REF",
                    0 => "PRESENT_REF",
                    _ => "FUTURE_REF",
                };
                return self.hit(i, j + 1, TimexKind::Date, Some(v.to_string()));
            }
            return None;
        }
        if unit == Unit::Day {
            // अगले दिन, पिछले दिन: from the reference here; the narrative pass moves it to
            // the day the story speaks of.
            let day = r.and_then(|r| r.checked_add_signed(chrono::Duration::days(i64::from(s))));
            return self.dated(i, j + 1, day.map(Point::Day), true);
        }
        let point = r.and_then(|r| shifted_unit(r, unit, s));
        let k = j + 1;
        if let (Unit::Year, Some(Point::Year(y))) = (unit, point) {
            // पिछले साल जून, इसी वर्ष 13 मार्च
            if let Lex::Month(m) = self.lex(k) {
                return self.month_expr(i, k, m, None, Some(y));
            }
            if let Some(d) = self.day_num(k)
                && let Lex::Month(m) = self.lex(k + 1)
            {
                let date = NaiveDate::from_ymd_opt(y, m, d).map(Point::Day);
                return self.dated(i, k + 2, date, true);
            }
            if let Some(h) = self.quarter_after(i, k, Some(y)) {
                return Some(h);
            }
        }
        if unit == Unit::Year
            && r.is_none()
            && let Lex::Month(m) = self.lex(k)
        {
            return self.month_expr(i, k, m, None, None);
        }
        let (end, modifier) = self.mod_suffix(k);
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Date,
            value: point.map(Point::value),
            modifier,
        })
    }

    /// की पहली तिमाही, की दूसरी छमाही after a year.
    pub(super) fn quarter_after(&self, i: usize, k: usize, year: Option<i32>) -> Option<Hit> {
        if !self.is_any(k, &["की", "के", "का"]) {
            return None;
        }
        let Lex::Ordinal(o) = self.lex(k + 1) else {
            return None;
        };
        let n = u32::try_from(o).ok()?;
        let value = match self.lex(k + 2) {
            Lex::Unit(Unit::Quarter) if (1..=4).contains(&n) => year.map(|y| Point::Quarter(y, n)),
            Lex::Unit(Unit::HalfYear) if (1..=2).contains(&n) => year.map(|y| Point::Half(y, n)),
            _ => return None,
        };
        self.hit(i, k + 3, TimexKind::Date, value.map(Point::value))
    }

    /// 19वीं सदी, पहली तिमाही.
    fn ordinal_expr(&self, i: usize, j: usize, o: i32) -> Option<Hit> {
        match self.lex(j + 1) {
            Lex::Unit(Unit::Century) if o > 0 => {
                let (end, modifier) = self.mod_suffix(j + 2);
                Some(Hit {
                    first: i,
                    end,
                    kind: TimexKind::Date,
                    value: Some(format!("{:02}", o - 1)),
                    modifier,
                })
            }
            // दूसरे दिन, तीसरे ही दिन: days counted in the story.
            Lex::Unit(Unit::Day)
                if o > 0 && !self.tok(j + 1).is_some_and(|t| t.key.ends_with("ों")) =>
            {
                self.hit(i, j + 2, TimexKind::Date, None)
            }
            _ if o > 0 && self.is(j + 1, "ही") && self.lex(j + 2) == Lex::Unit(Unit::Day) => {
                self.hit(i, j + 3, TimexKind::Date, None)
            }
            Lex::Unit(u @ (Unit::Quarter | Unit::HalfYear)) if o > 0 => {
                let n = u32::try_from(o).ok()?;
                let y = self.reference.map(|r| chrono::Datelike::year(&r));
                let p = match u {
                    Unit::Quarter if n <= 4 => y.map(|y| Point::Quarter(y, n)),
                    Unit::HalfYear if n <= 2 => y.map(|y| Point::Half(y, n)),
                    _ => return None,
                };
                self.hit(i, j + 2, TimexKind::Date, p.map(Point::value))
            }
            _ => None,
        }
    }
}
