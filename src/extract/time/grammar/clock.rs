//! Times of day: parts of the day (सुबह, देर रात), clock times (5 बजे, 8:30) and the time
//! that may follow a date.

use super::{Ctx, Hit};
use crate::extract::time::TimexKind;
use crate::extract::time::calendar::duration;
use crate::extract::time::lexicon::{Lex, Part, Unit};

/// Parts of a time of day after a date: part of day and clock.
#[derive(Default)]
pub(super) struct TimeOfDay {
    pub(super) part: Option<Part>,
    pub(super) clock: Option<(u32, u32)>,
    pub(super) approx: bool,
}

impl TimeOfDay {
    pub(super) fn is_empty(&self) -> bool {
        self.part.is_none() && self.clock.is_none()
    }

    /// `date` + `T` + clock or part of day.
    pub(super) fn value(&self, date: &str) -> String {
        match (self.clock, self.part) {
            (Some((h, m)), part) => {
                let h = match part {
                    Some(Part::Afternoon) if (1..=6).contains(&h) => h + 12,
                    Some(Part::Evening) if h < 12 => h + 12,
                    Some(Part::Night) if (6..12).contains(&h) => h + 12,
                    Some(Part::Night | Part::Midnight) if h == 12 => 0,
                    _ => h,
                };
                format!("{date}T{h:02}:{m:02}")
            }
            (None, Some(p)) => format!("{date}T{}", p.timex()),
            (None, None) => date.to_string(),
        }
    }
}

impl Ctx<'_, '_> {
    /// A part of the day and/or clock after a date (सोमवार रात, आज सुबह 9 बजे, की शाम).
    pub(super) fn time_tail(&self, k: usize) -> (usize, TimeOfDay) {
        let mut j = k;
        let mut tod = TimeOfDay::default();
        let starts_time = |j: usize| {
            matches!(self.lex(j), Lex::Part(_) | Lex::Approx)
                || self.is_any(j, &["देर", "आधी", "अल"]) && matches!(self.lex(j + 1), Lex::Part(_))
                || self.clock(j, false).is_some()
        };
        if self.is_any(j, &["की", "के", "को"]) && starts_time(j + 1) {
            j += 1;
        }
        let before = j;
        if let Some((e, p)) = self.part(j) {
            tod.part = Some(p);
            j = e;
        }
        let mut at = j;
        if self.lex(at) == Lex::Approx {
            at += 1;
        }
        if let Some((e, h, m, approx)) = self.clock(at, tod.part.is_some()) {
            tod.clock = Some((h, m));
            tod.approx = approx || at > j;
            j = e;
        }
        if tod.is_empty() {
            (before.min(k), tod)
        } else {
            (j, tod)
        }
    }

    /// A part of the day: सुबह, देर रात, आधी रात, अल सुबह.
    fn part(&self, j: usize) -> Option<(usize, Part)> {
        if self.is_any(j, &["देर", "अल"])
            && let Lex::Part(p) = self.lex(j + 1)
        {
            return Some((j + 2, p));
        }
        if self.is(j, "आधी") && self.lex(j + 1) == Lex::Part(Part::Night) {
            return Some((j + 2, Part::Midnight));
        }
        match self.lex(j) {
            Lex::Part(p) => Some((j + 1, p)),
            _ => None,
        }
    }

    /// A clock time: 5 बजे, साढ़े 10 बजे, 8:30 बजे, 7.15 बजे, 12 बजकर 39 मिनट. Without
    /// बजे only after a part of the day (`loose`) or in the 8:30 form.
    fn clock(&self, j: usize, loose: bool) -> Option<(usize, u32, u32, bool)> {
        let (mut e, h, m) = match (self.lex(j), self.lex(j + 1)) {
            (Lex::FracAdd(q), Lex::Num { n, .. }) if (1..=12).contains(&n) => {
                let minutes = i64::from(n) * 60 + i64::from(q) * 15;
                let minutes = u32::try_from(minutes).ok()?;
                (j + 2, minutes / 60, minutes % 60)
            }
            (Lex::FracAbs(q), _) if self.is(j + 1, "बजे") => (j + 1, q / 4, (q % 4) * 15),
            (Lex::Decimal(h, m), _) if h <= 24 && m < 60 => (j + 1, h, m),
            (Lex::Num { n, digits }, _) if n <= 24 && digits <= 2 => {
                if self.is(j + 1, ":")
                    && let Lex::Num { n: m, digits: 2 } = self.lex(j + 2)
                    && m < 60
                {
                    (j + 3, n, m)
                } else {
                    (j + 1, n, 0)
                }
            }
            _ => return None,
        };
        let mut m = m;
        let colon = e > j + 2 || matches!(self.lex(j), Lex::Decimal(..));
        let mut bound = false;
        if self.is(e, "बजे") {
            e += 1;
            bound = true;
        } else if self.is(e, "बजकर") || (self.is(e, "बज") && self.is(e + 1, "कर")) {
            let at = if self.is(e, "बजकर") {
                e + 1
            } else {
                e + 2
            };
            if let Lex::Num { n, .. } = self.lex(at)
                && n < 60
                && self.is_any(at + 1, &["मिनट", "मिनिट"])
            {
                m = n;
                e = at + 2;
                bound = true;
            }
        }
        if !(bound || loose || (colon && matches!(self.lex(j), Lex::Num { .. }))) {
            return None;
        }
        // आज सुबह 12 दिन बाद: a number that counts a unit is no clock; nor is a number
        // word without बजे (रात्रि एक अप्रवासी: "a", not one o'clock).
        if !bound
            && (matches!(self.lex(e), Lex::Unit(_))
                || matches!(self.lex(j), Lex::Num { digits: 0, .. }))
        {
            return None;
        }
        let mut approx = false;
        if self.is(e, "के") && self.is_any(e + 1, &["करीब", "आसपास", "लगभग"])
        {
            e += 2;
            approx = true;
        }
        Some((e, h, m, approx))
    }

    /// Times without a date: शाम 5 बजे, देर रात, सुबह, करीब दस बजे, 8:30 बजे.
    pub(super) fn time_expr(&self, i: usize) -> Option<Hit> {
        if let Some((e, p)) = self.part(i) {
            if self.is(e, "भर") || self.tok(i).is_some_and(|t| t.is("रातों")) {
                return None;
            }
            let mut at = e;
            // शाम के चार बजे, शाम को 4 बजे: the clock after a genitive or को is that part's.
            if self.is_any(at, &["के", "को"]) && self.clock(at + 1, false).is_some() {
                at += 1;
            }
            if self.lex(at) == Lex::Approx {
                at += 1;
            }
            let mut tod = TimeOfDay {
                part: Some(p),
                ..TimeOfDay::default()
            };
            let mut end = e;
            if let Some((ce, h, m, approx)) = self.clock(at, true) {
                tod.clock = Some((h, m));
                tod.approx = approx || at > e;
                end = ce;
            }
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Time,
                value: Some(tod.value(&self.date_str(None))),
                modifier: tod.approx.then_some("APPROX"),
            });
        }
        if let Lex::Whole(v) = self.lex(i) {
            return match v {
                "NI" => self.hit(
                    i,
                    i + 1,
                    TimexKind::Time,
                    Some(format!("{}TNI", self.date_str(None))),
                ),
                v => self.hit(i, i + 1, TimexKind::Duration, Some(v.to_string())),
            };
        }
        if let Lex::Unit(u @ (Unit::Day | Unit::Year | Unit::Month | Unit::Week)) = self.lex(i)
            && self.is(i + 1, "भर")
        {
            return self.hit(i, i + 2, TimexKind::Duration, Some(duration(Some(4), u)));
        }
        if self.is_any(i, &["पूरे", "पूरा", "पूरी", "सारे", "सारा", "सारी"])
            && let Lex::Unit(u @ (Unit::Day | Unit::Year | Unit::Month | Unit::Week)) =
                self.lex(i + 1)
            && !self.tok(i + 1).is_some_and(|t| t.key.ends_with("ों"))
        {
            return self.hit(i, i + 2, TimexKind::Duration, Some(duration(Some(4), u)));
        }
        // सालों से, वर्षों से, महीनों से: for years.
        if let Lex::Unit(u) = self.lex(i)
            && self.tok(i).is_some_and(|t| t.key.ends_with("ों"))
            && self.is(i + 1, "से")
            && !matches!(u, Unit::Second | Unit::Minute)
        {
            return self.hit(i, i + 1, TimexKind::Duration, Some(duration(None, u)));
        }
        let (e, h, m, approx) = self.clock(i, false)?;
        let tod = TimeOfDay {
            part: None,
            clock: Some((h, m)),
            approx,
        };
        Some(Hit {
            first: i,
            end: e,
            kind: TimexKind::Time,
            value: Some(tod.value(&self.date_str(None))),
            modifier: approx.then_some("APPROX"),
        })
    }
}

impl Hit {
    pub(super) fn with_time(mut self, tod: TimeOfDay) -> Hit {
        if tod.approx {
            self.modifier = Some("APPROX");
        }
        self
    }
}
