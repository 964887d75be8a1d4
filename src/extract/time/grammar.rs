//! The grammar of Hindi temporal expressions over classified words: at each word, the
//! longest expression starting there, with its TIMEX3 value resolved against the reference
//! date and the tense of its clause.

use chrono::NaiveDate;

use super::TimexKind;
use super::calendar::{
    Point, Tense, add_months, day_month_date, duration, month_year, relative, shifted_unit,
    week_of, weekday_date,
};
use super::lexicon::{LEX, Lex, Part, Tok, Unit};

/// One expression found: words `[first, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hit {
    pub first: usize,
    pub end: usize,
    pub kind: TimexKind,
    pub value: Option<String>,
    pub modifier: Option<&'static str>,
}

/// Words after a bare month name that show it is the month (मार्च में, जून के…).
const AFTER_MONTH: &[&str] = &[
    "में",
    "को",
    "से",
    "तक",
    "के",
    "की",
    "का",
    "माह",
    "महीने",
    "महीना",
    "मास",
    ",",
    "।",
    ".",
    ")",
    "और",
    "व",
    "अंत",
    "आखिर",
    "शुरू",
    "मध्य",
    "-",
    "या",
    "तथा",
    "?",
    "!",
    ":",
    "\"",
    "”",
    "ही",
    "महीनों",
];

/// Words after a bare four-digit number that show it is a year.
const AFTER_YEAR: &[&str] = &[
    "में",
    "से",
    "तक",
    "के",
    "की",
    "का",
    "को",
    ",",
    ")",
    "और",
    "व",
    "।",
    ".",
    "-",
    "ई",
    "ई.",
    "ईस्वी",
    "ईसवी",
    ":",
    "तथा",
    "या",
    "ही",
    "\"",
    "”",
    "?",
    "!",
    "(",
    "पर",
];

const SENTENCE_END: &[&str] = &["।", "?", "!", ".", "॥"];

const PAST_CUES: &[&str] = &[
    "था",
    "थे",
    "थी",
    "थीं",
    "गया",
    "गई",
    "गए",
    "गयी",
    "गये",
    "गईं",
    "किया",
    "किए",
    "किये",
    "कहा",
    "हुआ",
    "हुई",
    "हुए",
    "हुईं",
    "दिया",
    "दिए",
    "दिये",
    "लिया",
    "लिए",
    "लिये",
    "बताया",
    "चुका",
    "चुकी",
    "चुके",
    "पाया",
    "ने",
    "आया",
    "आई",
    "आए",
    "आये",
    "मिला",
    "मिली",
    "मिले",
    "पहुंचे",
    "पहुंचा",
    "पहुंची",
    "की।",
];

/// How a relative shift word (पिछले, अगले) or a deictic day resolves: the tense it forces.
fn forced(shift: Option<i32>) -> Option<Tense> {
    match shift {
        Some(s) if s < 0 => Some(Tense::Past),
        Some(s) if s > 0 => Some(Tense::Future),
        _ => None,
    }
}

fn is_future_verb(key: &str) -> bool {
    let Some(stem) = ["गा", "गी", "गे", "गीं"]
        .iter()
        .find_map(|s| key.strip_suffix(s))
    else {
        return false;
    };
    let stem = stem.strip_suffix('ं').unwrap_or(stem);
    stem.chars().count() >= 2 && stem.ends_with(['े', 'ो', 'ए', 'ू'])
}

pub(super) struct Ctx<'t, 'a> {
    toks: &'t [Tok<'a>],
    reference: Option<NaiveDate>,
}

/// Every expression of `toks`, in text order, without overlaps.
pub(super) fn find(toks: &[Tok<'_>], reference: Option<NaiveDate>) -> Vec<Hit> {
    let ctx = Ctx { toks, reference };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match ctx.at(i) {
            Some(h) if h.end > i => {
                i = h.end;
                out.push(h);
            }
            _ => i += 1,
        }
    }
    out
}

/// Parts of a time of day after a date: part of day and clock.
#[derive(Default)]
struct TimeOfDay {
    part: Option<Part>,
    clock: Option<(u32, u32)>,
    approx: bool,
}

impl TimeOfDay {
    fn is_empty(&self) -> bool {
        self.part.is_none() && self.clock.is_none()
    }

    /// `date` + `T` + clock or part of day.
    fn value(&self, date: &str) -> String {
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

impl<'a> Ctx<'_, 'a> {
    fn tok(&self, j: usize) -> Option<&Tok<'a>> {
        self.toks.get(j)
    }

    fn lex(&self, j: usize) -> Lex {
        self.toks.get(j).map_or(Lex::Other, |t| t.lex)
    }

    fn is(&self, j: usize, w: &str) -> bool {
        self.toks.get(j).is_some_and(|t| t.is(w))
    }

    fn is_any(&self, j: usize, ws: &[&str]) -> bool {
        self.toks.get(j).is_some_and(|t| t.is_any(ws))
    }

    /// A day of the month (1–31) written with at most two digits or as a word.
    fn day_num(&self, j: usize) -> Option<u32> {
        match self.lex(j) {
            Lex::Num { n, digits } if (1..=31).contains(&n) && digits <= 2 => Some(n),
            _ => None,
        }
    }

    /// A year written with four digits (or three/four after सन्/वर्ष).
    fn year_num(&self, j: usize) -> Option<i32> {
        match self.lex(j) {
            Lex::Num { n, digits: 4 } if (1000..=2200).contains(&n) => i32::try_from(n).ok(),
            _ => None,
        }
    }

    /// The tense of the clause around words `[first, end)`: the first tense cue after the
    /// expression (up to the end of the sentence or a कि), else the nearest before it.
    fn tense(&self, first: usize, end: usize) -> Tense {
        let cue = |t: &Tok<'_>, next: Option<&Tok<'_>>| {
            if is_future_verb(&t.key)
                || (t.is_any(&["वाला", "वाली", "वाले"])
                    && next.is_some_and(|n| n.is_any(&["है", "हैं"])))
            {
                Some(Tense::Future)
            } else if t.is_any(PAST_CUES) {
                Some(Tense::Past)
            } else {
                None
            }
        };
        for j in end..self.toks.len() {
            let t = &self.toks[j];
            if t.is_any(SENTENCE_END) || t.is("कि") {
                break;
            }
            if let Some(c) = cue(t, self.tok(j + 1)) {
                return c;
            }
        }
        for j in (0..first).rev() {
            let t = &self.toks[j];
            if t.is_any(SENTENCE_END) || t.is("कि") {
                break;
            }
            if let Some(c) = cue(t, self.tok(j + 1)) {
                return c;
            }
        }
        Tense::Unknown
    }

    fn hit(&self, first: usize, end: usize, kind: TimexKind, value: Option<String>) -> Option<Hit> {
        Some(Hit {
            first,
            end,
            kind,
            value,
            modifier: None,
        })
    }

    /// The longest expression starting at word `i`.
    fn at(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        if t.lex == Lex::Other
            && LEX.phrases_at(&t.key).is_empty()
            && !t.is_any(&[
                "सन्",
                "सन",
                "कम",
                "ज्यादा",
                "वित्त",
                "लंबे",
                "लम्बे",
                "लंबा",
                "लंबी",
                "पूरे",
                "पूरा",
                "सारे",
                "सारा",
                "पूरी",
                "आने",
                "इन",
                "देर",
                "आधी",
                "अल",
                "ईस्वी",
            ])
        {
            return None;
        }
        // Modifiers before: लगभग, करीब; कम से कम; ज्यादा से ज्यादा.
        let (j, pre) = match t.lex {
            Lex::Approx => (i + 1, Some("APPROX")),
            _ if t.is("कम") && self.is(i + 1, "से") && self.is(i + 2, "कम") => {
                (i + 3, Some("EQUAL_OR_MORE"))
            }
            _ if t.is("ज्यादा") && self.is(i + 1, "से") && self.is(i + 2, "ज्यादा") => {
                (i + 3, Some("EQUAL_OR_LESS"))
            }
            _ => (i, None),
        };
        let candidates = [
            self.phrase(j),
            self.amount_expr(j),
            self.date_expr(j),
            self.time_expr(j),
            self.set_expr(j),
        ];
        let mut best: Option<Hit> = None;
        for c in candidates.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        let mut best = best?;
        if pre.is_some() {
            best.first = i;
            best.modifier = best.modifier.or(pre);
        }
        Some(best)
    }

    /// Several-word entries of the lexicon: vague references, holidays, festivals.
    fn phrase(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        for p in LEX.phrases_at(&t.key) {
            let len = p.rest.len();
            let matches = p
                .rest
                .iter()
                .enumerate()
                .all(|(k, w)| self.is(i + 1 + k, w));
            if !matches {
                continue;
            }
            let end = i + 1 + len;
            return match p.category {
                "phrase" => self.hit(i, end, TimexKind::Date, Some(p.value.to_string())),
                "holiday" => {
                    let (m, d) = p.value.split_once('-')?;
                    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
                    let value = match self.reference {
                        Some(r) => day_month_date(r, m, d, self.tense(i, end))
                            .map(|d| Point::Day(d).value()),
                        None => Some(format!("XXXX-{m:02}-{d:02}")),
                    };
                    self.hit(i, end, TimexKind::Date, value)
                }
                "festival" => self.hit(i, end, TimexKind::Date, None),
                _ => None,
            };
        }
        None
    }

    /// A quantity: साढ़े तीन, डेढ़, 24, दो-तीन, कुछ, कई. `None` quarters: a vague amount.
    fn amount(&self, j: usize) -> Option<(usize, Option<u32>)> {
        match self.lex(j) {
            Lex::FracAdd(q) => match self.lex(j + 1) {
                Lex::Num { n, .. } => {
                    let total = i64::from(n) * 4 + i64::from(q);
                    Some((j + 2, u32::try_from(total).ok()))
                }
                _ => None,
            },
            Lex::FracAbs(q) => Some((j + 1, Some(q))),
            Lex::Num { n, digits } if n > 0 && n <= 10_000 && digits != 4 || digits == 0 => {
                match (self.lex(j + 1), self.lex(j + 2)) {
                    (Lex::Dash, Lex::Num { n: m, .. }) if m > n => Some((j + 3, Some(m * 4))),
                    (Lex::Num { n: 100 | 1000, .. }, _) => {
                        Some((j + 2, Some(n * 4 * self.num(j + 1))))
                    }
                    (Lex::Num { n: m, digits: 0 }, _) if digits == 0 && m > n => {
                        Some((j + 2, None))
                    }
                    _ => Some((j + 1, Some(n * 4))),
                }
            }
            Lex::Vague => Some((j + 1, None)),
            _ => None,
        }
    }

    fn num(&self, j: usize) -> u32 {
        match self.lex(j) {
            Lex::Num { n, .. } => n,
            _ => 1,
        }
    }

    /// Durations and relative dates: दो घंटे से ज्यादा, पिछले पांच सालों, तीन दिन बाद.
    fn amount_expr(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let mut shift = None;
        if let Lex::Shift(s) = self.lex(j) {
            shift = Some(s);
            j += 1;
        } else if self.is(j, "इन") {
            shift = Some(0);
            j += 1;
        }
        let mut approx = false;
        if shift.is_some() && self.lex(j) == Lex::Approx {
            approx = true;
            j += 1;
        }
        // कुछ देर, कुछ समय, लंबे समय, काफी वक्त: a while.
        if (self.lex(j) == Lex::Vague || self.is_any(j, &["लंबे", "लम्बे", "लंबा", "लंबी"]))
            && self.is_any(j + 1, &["देर", "समय", "वक्त", "अरसे", "अरसा"])
        {
            let mut end = j + 2;
            let mut modifier = approx.then_some("APPROX");
            if self.is(end, "से") && self.is_any(end + 1, &["ज्यादा", "अधिक"])
            {
                modifier = Some("MORE_THAN");
                end += 2;
            }
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Duration,
                value: None,
                modifier,
            });
        }
        let (k, amount) = self.amount(j)?;
        let Lex::Unit(unit) = self.lex(k) else {
            return None;
        };
        let mut end = k + 1;
        if self.is(end, "भर") {
            end += 1;
        }
        let mut modifier = approx.then_some("APPROX");
        // Before or after the reference: दो साल पहले, तीन दिन बाद.
        let dir_at = |e: usize| {
            if self.is_any(e, &["पहले", "पूर्व"]) {
                Some(-1)
            } else if self.is_any(e, &["बाद", "पश्चात"]) {
                Some(1)
            } else {
                None
            }
        };
        let dir = if shift.is_some() {
            None
        } else if let Some(d) = dir_at(end) {
            end += 1;
            Some(d)
        } else if self.is(end, "के")
            && let Some(d) = dir_at(end + 1)
        {
            end += 2;
            Some(d)
        } else {
            None
        };
        if let Some(dir) = dir {
            let value = match (amount, self.reference) {
                (None, _) => Some(if dir < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string()),
                (Some(q), Some(r)) => relative(r, q, unit, dir).map(Point::value),
                (Some(_), None) => None,
            };
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Date,
                value,
                modifier,
            });
        }
        if self.is(end, "से") {
            let more = if self.is(end + 1, "भी") {
                end + 2
            } else {
                end + 1
            };
            if self.is_any(more, &["ज्यादा", "अधिक", "ऊपर", "लंबे"])
            {
                modifier = Some("MORE_THAN");
                end = more + 1;
            } else if self.is(more, "कम") {
                modifier = Some("LESS_THAN");
                end = more + 1;
            }
        } else if self.is(end, "के") && self.is_any(end + 1, &["आसपास", "करीब", "लगभग"])
        {
            modifier = Some("APPROX");
            end += 2;
        }
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Duration,
            value: Some(duration(amount, unit)),
            modifier,
        })
    }

    /// START/MID/END after a date: की शुरुआत, के मध्य, के अंत.
    fn mod_suffix(&self, k: usize) -> (usize, Option<&'static str>) {
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

    /// A part of the day and/or clock after a date (सोमवार रात, आज सुबह 9 बजे, की शाम).
    fn time_tail(&self, k: usize) -> (usize, TimeOfDay) {
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
        let mut approx = false;
        if self.is(e, "के") && self.is_any(e + 1, &["करीब", "आसपास", "लगभग"])
        {
            e += 2;
            approx = true;
        }
        Some((e, h, m, approx))
    }

    fn date_str(&self, date: Option<NaiveDate>) -> String {
        match date.or(self.reference) {
            Some(d) => d.format("%Y-%m-%d").to_string(),
            None => "XXXX-XX-XX".to_string(),
        }
    }

    /// A date with an optional time of day after it; `date` None: the date is unknown.
    fn dated(&self, i: usize, k: usize, date: Option<Point>, known: bool) -> Option<Hit> {
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
    fn date_expr(&self, i: usize) -> Option<Hit> {
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
            // अगले दिन, उसी दिन: the story's day, not the reference's.
            return self.dated(i, j + 1, None, true).map(|mut h| {
                h.value = None;
                h
            });
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
    fn quarter_after(&self, i: usize, k: usize, year: Option<i32>) -> Option<Hit> {
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

    /// 21 मार्च, 21 मार्च 2025, 1 से 5 मार्च तक, 25 दिसंबर से 2 जनवरी तक, 20 तारीख.
    fn day_month_expr(&self, i: usize, j: usize, shift: Option<i32>) -> Option<Hit> {
        let d1 = self.day_num(j)?;
        let r = self.reference;
        // 24 और 25 अप्रैल: the first day takes the month of the second.
        if self.is_any(j + 1, &["और", "व", ","])
            && self.day_num(j + 2).is_some()
            && let Lex::Month(m) = self.lex(j + 3)
        {
            let year = self.year_num(j + 4);
            let value = self.resolve_day(i, j + 4, year, m, d1, shift);
            return self.hit(i, j + 1, TimexKind::Date, value);
        }
        // 1 से 5 मार्च, 2-3 दिसंबर
        if (self.is(j + 1, "से") || self.lex(j + 1) == Lex::Dash)
            && let Some(d2) = self.day_num(j + 2)
            && let Lex::Month(m) = self.lex(j + 3)
            && d2 > d1
        {
            let mut k = j + 4;
            let year = self.year_num(k);
            if year.is_some() {
                k += 1;
            }
            if self.is(k, "तक") {
                k += 1;
            }
            let a = self.resolve_day(i, k, year, m, d1, shift);
            let b = a
                .as_deref()
                .and_then(|a| a.get(..8).map(|ym| format!("{ym}{d2:02}")));
            let value = a.zip(b).map(|(a, b)| format!("{a}/{b}"));
            return self.hit(i, k, TimexKind::Date, value);
        }
        if self.is(j + 1, "तारीख") {
            let value = r.and_then(|r| {
                let m = chrono::Datelike::month(&r);
                let tense = self.tense(i, j + 2);
                let cands = [
                    add_months(chrono::Datelike::year(&r), m, -1),
                    (chrono::Datelike::year(&r), m),
                    add_months(chrono::Datelike::year(&r), m, 1),
                ];
                let dates: Vec<NaiveDate> = cands
                    .iter()
                    .filter_map(|&(y, m)| NaiveDate::from_ymd_opt(y, m, d1))
                    .collect();
                match tense {
                    Tense::Future => dates.into_iter().find(|d| *d >= r),
                    _ => dates.into_iter().rev().find(|d| *d <= r),
                }
            });
            return self.dated(i, j + 2, value.map(Point::Day), true);
        }
        let Lex::Month(m) = self.lex(j + 1) else {
            return None;
        };
        let mut k = j + 2;
        let mut year = self.year_num(k);
        if year.is_some() {
            k += 1;
        } else if self.is(k, ",") && self.year_num(k + 1).is_some() {
            year = self.year_num(k + 1);
            k += 2;
        }
        // Range to a second day and month: 25 दिसंबर से 2 जनवरी तक
        if self.is(k, "से") || self.lex(k) == Lex::Dash {
            let at = if self.is(k + 1, "लेकर") {
                k + 2
            } else {
                k + 1
            };
            if let Some(d2) = self.day_num(at)
                && let Lex::Month(m2) = self.lex(at + 1)
            {
                let mut e = at + 2;
                let year2 = self.year_num(e);
                if year2.is_some() {
                    e += 1;
                }
                if self.is(e, "तक") {
                    e += 1;
                }
                let value = self.resolve_range(i, e, (year, m, d1), (year2, m2, d2), shift);
                return self.hit(i, e, TimexKind::Date, value);
            }
        }
        let value = self.resolve_day(i, k, year, m, d1, shift);
        let date = value
            .as_deref()
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
        let mut h = self.dated(i, k, date.map(Point::Day), true)?;
        if h.kind == TimexKind::Date && date.is_none() {
            h.value = value;
        } else if date.is_none()
            && let (Some(v), Some(d)) = (&h.value, &value)
        {
            h.value = Some(v.replacen("XXXX-XX-XX", d, 1));
        }
        Some(h)
    }

    /// A day and month, with the year written or chosen by tense.
    fn resolve_day(
        &self,
        i: usize,
        end: usize,
        year: Option<i32>,
        m: u32,
        d: u32,
        shift: Option<i32>,
    ) -> Option<String> {
        if let Some(y) = year {
            return NaiveDate::from_ymd_opt(y, m, d).map(|d| Point::Day(d).value());
        }
        match self.reference {
            Some(r) => {
                let tense = forced(shift).unwrap_or_else(|| self.tense(i, end));
                day_month_date(r, m, d, tense).map(|d| Point::Day(d).value())
            }
            None => Some(format!("XXXX-{m:02}-{d:02}")),
        }
    }

    /// Two day-months; a second date earlier than the first rolls over to the next year.
    fn resolve_range(
        &self,
        i: usize,
        end: usize,
        (y1, m1, d1): (Option<i32>, u32, u32),
        (y2, m2, d2): (Option<i32>, u32, u32),
        shift: Option<i32>,
    ) -> Option<String> {
        let before = (m1, d1) > (m2, d2);
        let (a, b) = match (y1, y2) {
            (Some(y1), y2) => (
                Some(y1),
                Some(y2.unwrap_or(if before { y1 + 1 } else { y1 })),
            ),
            (None, Some(y2)) => (Some(if before { y2 - 1 } else { y2 }), Some(y2)),
            (None, None) => {
                let a = self.resolve_day(i, end, None, m1, d1, shift)?;
                let y: i32 = a.get(..4)?.parse().ok()?;
                (Some(y), Some(if before { y + 1 } else { y }))
            }
        };
        let a = NaiveDate::from_ymd_opt(a?, m1, d1)?;
        let b = NaiveDate::from_ymd_opt(b?, m2, d2)?;
        if self.reference.is_none() && y1.is_none() && y2.is_none() {
            return Some(format!("XXXX-{m1:02}-{d1:02}/XXXX-{m2:02}-{d2:02}"));
        }
        Some(format!(
            "{}/{}",
            Point::Day(a).value(),
            Point::Day(b).value()
        ))
    }

    /// नवंबर में, जून 2024, मई के तीसरे सप्ताह, अप्रैल-मई 2015, जनवरी से मार्च तक.
    fn month_expr(
        &self,
        i: usize,
        j: usize,
        m: u32,
        shift: Option<i32>,
        year_given: Option<i32>,
    ) -> Option<Hit> {
        let mut k = j + 1;
        let mut year = year_given.or_else(|| self.year_num(k));
        if year_given.is_none() && year.is_some() {
            k += 1;
        }
        // अप्रैल-मई 2015, जनवरी से मार्च तक
        let mut m2 = None;
        if year.is_none() || year_given.is_some() {
            let at = if self.lex(k) == Lex::Dash {
                Some(k + 1)
            } else if self.is(k, "से") {
                Some(if self.is(k + 1, "लेकर") {
                    k + 2
                } else {
                    k + 1
                })
            } else {
                None
            };
            if let Some(at) = at
                && let Lex::Month(n) = self.lex(at)
            {
                m2 = Some(n);
                k = at + 1;
                if year.is_none()
                    && let Some(y) = self.year_num(k)
                {
                    year = Some(y);
                    k += 1;
                }
                if self.is(k, "तक") {
                    k += 1;
                }
            }
        }
        let bare = year.is_none() && shift.is_none() && year_given.is_none() && m2.is_none();
        if bare {
            let prev_cue = i > 0
                && self
                    .tok(i - 1)
                    .is_some_and(|t| LEX.is_not_month_cue(&t.key));
            let next_ok = self.is_any(k, AFTER_MONTH) || k >= self.toks.len();
            if prev_cue || !next_ok {
                return None;
            }
        }
        if self.is_any(k, &["माह", "महीने", "महीना", "मास"]) {
            k += 1;
        }
        let r = self.reference;
        let y = match year {
            Some(y) => Some(y),
            None => r.map(|r| {
                let tense = forced(shift).unwrap_or_else(|| self.tense(i, k));
                month_year(r, m, tense)
            }),
        };
        if let Some(m2) = m2 {
            let value = y.map(|y| {
                let y2 = if m2 < m { y + 1 } else { y };
                format!(
                    "{}/{}",
                    Point::Month(y, m).value(),
                    Point::Month(y2, m2).value()
                )
            });
            return self.hit(i, k, TimexKind::Date, value);
        }
        // मई के तीसरे सप्ताह, अप्रैल के पहले दिन
        if self.is(k, "के")
            && let Lex::Ordinal(o) = self.lex(k + 1)
            && let Lex::Unit(u @ (Unit::Week | Unit::Day)) = self.lex(k + 2)
        {
            let value = y.and_then(|y| {
                let last = (1..=31)
                    .rev()
                    .find_map(|d| NaiveDate::from_ymd_opt(y, m, d))?;
                let day = match (u, o) {
                    (Unit::Week, -1) => chrono::Datelike::day(&last).saturating_sub(3),
                    (Unit::Week, o) if (1..=5).contains(&o) => u32::try_from(o * 7 - 3).ok()?,
                    (Unit::Day, -1) => chrono::Datelike::day(&last),
                    (Unit::Day, o) if o > 0 => u32::try_from(o).ok()?,
                    _ => return None,
                };
                let date = NaiveDate::from_ymd_opt(y, m, day)?;
                Some(match u {
                    Unit::Week => week_of(date).value(),
                    _ => Point::Day(date).value(),
                })
            });
            return self.hit(i, k + 3, TimexKind::Date, value);
        }
        let (end, modifier) = self.mod_suffix(k);
        let value = match y {
            Some(y) => Point::Month(y, m).value(),
            None => format!("XXXX-{m:02}"),
        };
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Date,
            value: Some(value),
            modifier,
        })
    }

    /// 2024 में, सन् 1947, साल 2015, 2019-21, 2007 से 2017 तक, 1990 के दशक, 2024 की पहली
    /// तिमाही. `worded`: a सन्/साल/वर्ष before it makes a bare number a year.
    fn year_expr(&self, i: usize, j: usize, worded: bool) -> Option<Hit> {
        let y = match self.lex(j) {
            Lex::Num { n, digits } if worded && (3..=4).contains(&digits) && n <= 2200 => {
                i32::try_from(n).ok()?
            }
            _ => self.year_num(j)?,
        };
        let mut k = j + 1;
        if !worded {
            let next_ok = self.is_any(k, AFTER_YEAR) || k >= self.toks.len();
            let prev_bad = i > 0 && matches!(self.lex(i - 1), Lex::Num { .. });
            if !next_ok || prev_bad || !(1800..=2100).contains(&y) {
                return None;
            }
        }
        if self.is_any(k, &["ई", "ई.", "ईस्वी", "ईसवी"]) {
            k += 1;
        }
        // 1990 के दशक
        if self.is(k, "के") && self.is(k + 1, "दशक") && y % 10 == 0 {
            let (end, modifier) = self.mod_suffix(k + 2);
            return Some(Hit {
                first: i,
                end,
                kind: TimexKind::Date,
                value: Some(format!("{:03}", y / 10)),
                modifier,
            });
        }
        if let Some(h) = self.quarter_after(i, k, Some(y)) {
            return Some(h);
        }
        // 2019-21, 2023-24, 2007 से 2017 तक
        let range_to = if self.lex(k) == Lex::Dash {
            match self.lex(k + 1) {
                Lex::Num { n, digits: 2 } => {
                    Some((k + 2, (y / 100) * 100 + i32::try_from(n).ok()?))
                }
                _ => self.year_num(k + 1).map(|y2| (k + 2, y2)),
            }
        } else if self.is(k, "से") {
            let at = if self.is(k + 1, "लेकर") {
                k + 2
            } else {
                k + 1
            };
            let at = if self.is_any(at, &["सन्", "साल", "वर्ष"]) {
                at + 1
            } else {
                at
            };
            self.year_num(at).map(|y2| (at + 1, y2))
        } else {
            None
        };
        if let Some((mut e, y2)) = range_to
            && y2 > y
        {
            if self.is(e, "तक") {
                e += 1;
            }
            return self.hit(i, e, TimexKind::Date, Some(format!("{y:04}/{y2:04}")));
        }
        let (end, modifier) = self.mod_suffix(k);
        Some(Hit {
            first: i,
            end,
            kind: TimexKind::Date,
            value: Some(Point::Year(y).value()),
            modifier,
        })
    }

    /// Times without a date: शाम 5 बजे, देर रात, सुबह, करीब दस बजे, 8:30 बजे.
    fn time_expr(&self, i: usize) -> Option<Hit> {
        if let Some((e, p)) = self.part(i) {
            if self.is(e, "भर") || self.tok(i).is_some_and(|t| t.is("रातों")) {
                return None;
            }
            let mut at = e;
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

    /// Sets: हर साल, हर सोमवार, प्रति वर्ष, रोजाना, हर दो साल.
    fn set_expr(&self, i: usize) -> Option<Hit> {
        match self.lex(i) {
            Lex::SetWord(v) => self.hit(i, i + 1, TimexKind::Set, Some(v.to_string())),
            Lex::Every => {
                let every = self.tok(i)?;
                let per = every.is("प्रति");
                let (k, amount) = match self.amount(i + 1) {
                    Some((k, Some(q))) if !per => (k, q),
                    _ => (i + 1, 4),
                };
                let value = match self.lex(k) {
                    Lex::Unit(u)
                        if per && matches!(u, Unit::Second | Unit::Minute | Unit::Hour) =>
                    {
                        return None;
                    }
                    Lex::Unit(u) => duration(Some(amount), u),
                    Lex::Weekday(w) if k == i + 1 => format!("XXXX-WXX-{w}"),
                    Lex::Part(p) if k == i + 1 => format!("XXXX-XX-XXT{}", p.timex()),
                    Lex::SetWord(v) if k == i + 1 => v.to_string(),
                    _ => return None,
                };
                self.hit(i, k + 1, TimexKind::Set, Some(value))
            }
            _ => None,
        }
    }
}

impl Hit {
    fn with_time(mut self, tod: TimeOfDay) -> Hit {
        if tod.approx {
            self.modifier = Some("APPROX");
        }
        self
    }
}
