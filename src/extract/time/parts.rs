//! Composite expressions split into the atoms TimeML corpora such as Hindi TimeBank tag
//! one by one: `मंगलवार रात` → `मंगलवार` + `रात`, `शाम पांच बजे` → `शाम` + `पांच बजे`, `दो
//! साल पहले` → `दो साल`, `25 दिसंबर से 2 जनवरी तक` → both dates, `पिछले साल जून` →
//! `पिछले साल` + `जून`. Each atom keeps the value of the part it stands for.

use super::TimexKind;
use super::grammar::Hit;
use super::lexicon::{Lex, Tok, Unit};

/// Trailing words that are not part of an atom: पहले, बाद, से ज्यादा, के करीब, तक…
fn trim_end(toks: &[Tok<'_>], first: usize, mut end: usize) -> usize {
    loop {
        if end <= first + 1 {
            return end;
        }
        let last = &toks[end - 1];
        let drop = if last.is_any(&["पहले", "पूर्व", "बाद", "पश्चात", "तक", "भर"])
        {
            1
        } else if last.is_any(&["ज्यादा", "अधिक", "ऊपर", "कम", "लंबे"])
            && toks[end - 2].is_any(&["से", "भी"])
        {
            if toks[end - 2].is("भी") { 3 } else { 2 }
        } else if last.is_any(&["करीब", "आसपास", "लगभग"]) && toks[end - 2].is("के")
        {
            2
        } else if last.is_any(&["के", "की", "को", "-"]) {
            1
        } else {
            0
        };
        if drop == 0 || end < first + drop + 1 {
            return end;
        }
        end -= drop;
    }
}

fn starts_time(toks: &[Tok<'_>], j: usize) -> bool {
    matches!(toks[j].lex, Lex::Part(_))
        || (toks[j].is_any(&["देर", "आधी", "अल"])
            && toks
                .get(j + 1)
                .is_some_and(|t| matches!(t.lex, Lex::Part(_))))
}

fn is_clock_start(toks: &[Tok<'_>], j: usize, end: usize) -> bool {
    let t = &toks[j];
    let clockish = matches!(
        t.lex,
        Lex::Num { .. } | Lex::Decimal(..) | Lex::FracAdd(_) | Lex::FracAbs(_)
    );
    let approx = t.lex == Lex::Approx && j + 1 < end;
    (clockish || approx)
        && toks[j..end].iter().any(|t| {
            t.is_any(&["बजे", "बजकर", "बज"]) || t.is(":") || matches!(t.lex, Lex::Decimal(..))
        })
}

/// The atoms of `hit`.
pub(super) fn split(toks: &[Tok<'_>], hit: &Hit) -> Vec<Hit> {
    let (first, end) = (hit.first, hit.end);
    let value = hit.value.clone();
    let piece = |a: usize, b: usize, kind: TimexKind, value: Option<String>| Hit {
        first: a,
        end: trim_end(toks, a, b),
        kind,
        value,
        modifier: None,
    };
    // Ranges: X से Y (तक), X - Y, वर्ष 2016 - 17.
    if matches!(hit.kind, TimexKind::Date)
        && let Some(v) = &value
        && let Some((a, b)) = v.split_once('/')
        && let Some(cut) = (first + 1..end).find(|&j| toks[j].is("से") || toks[j].lex == Lex::Dash)
    {
        let right = if toks.get(cut + 1).is_some_and(|t| t.is("लेकर")) {
            cut + 2
        } else {
            cut + 1
        };
        return vec![
            piece(first, cut, TimexKind::Date, Some(a.to_string())),
            piece(right, end, TimexKind::Date, Some(b.to_string())),
        ];
    }
    // A date, then a part of the day, then a clock.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut start = first;
    let mut j = first + 1;
    while j < end {
        let before_time = starts_time(toks, j) && start < j && !starts_time(toks, start);
        let shift_then_month = matches!(toks[j].lex, Lex::Month(_))
            && j >= first + 2
            && matches!(toks[j - 1].lex, Lex::Unit(Unit::Year))
            && matches!(toks[j - 2].lex, Lex::Shift(_));
        let part_then_clock = (starts_time(toks, start) || matches!(toks[start].lex, Lex::Part(_)))
            && matches!(toks[j - 1].lex, Lex::Part(_))
            && is_clock_start(toks, j, end);
        if before_time || shift_then_month || part_then_clock {
            // A connective (की, को, के) between the parts belongs to neither.
            let stop = if toks[j - 1].is_any(&["की", "के", "को"]) {
                j - 1
            } else {
                j
            };
            cuts.push((start, stop));
            start = j;
        }
        j += 1;
    }
    cuts.push((start, end));
    if cuts.len() == 1 {
        let mut h = piece(first, end, hit.kind, value);
        h.modifier = hit.modifier;
        return vec![h];
    }
    let date_value = value
        .as_deref()
        .map(|v| v.split_once('T').map_or(v, |(d, _)| d).to_string());
    cuts.into_iter()
        .map(|(a, b)| {
            let timeish = starts_time(toks, a) || is_clock_start(toks, a, b);
            if timeish {
                piece(a, b, TimexKind::Time, value.clone())
            } else if hit.kind == TimexKind::Time {
                piece(a, b, TimexKind::Date, date_value.clone())
            } else if toks[a..b].iter().any(|t| t.lex == Lex::Unit(Unit::Year))
                && !toks[a..b].iter().any(|t| matches!(t.lex, Lex::Month(_)))
            {
                let year = value
                    .as_deref()
                    .and_then(|v| v.get(..4))
                    .map(str::to_string);
                piece(a, b, hit.kind, year)
            } else {
                piece(a, b, hit.kind, value.clone())
            }
        })
        .filter(|h| h.end > h.first)
        .collect()
}
