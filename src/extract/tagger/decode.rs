//! Decoding tag sequences: Viterbi under BIO constraints (with tokens that may not begin or
//! end a name), repairing invalid sequences, and splitting punctuation glued to words off
//! before tagging (and spreading gold tags over the pieces for training).

use super::{START, T, Tag};
use crate::text::chars::is_alphanumeric;

/// Whether tag `cur` may follow tag `prev` (`START` for the first token) in a BIO sequence.
#[inline]
pub(super) fn allowed(prev: usize, cur: usize) -> bool {
    match cur {
        2 | 4 | 6 => prev == cur || prev == cur - 1,
        _ => true,
    }
}

/// The best valid tag sequence for per-token scores.
pub(super) fn viterbi(scores: &[[f32; T]], transitions: &[[f32; T]; T + 1]) -> Vec<usize> {
    viterbi_within(scores, transitions, &[])
}

/// Whether a token can begin or end a name: it has a letter or a digit (a lone `.` or `,`
/// can only stand inside one, as in initials).
pub(super) fn can_bound(token: &str) -> bool {
    token.chars().any(is_alphanumeric)
}

/// [`viterbi`] where no span begins or ends on a token whose `inner_only` flag is set
/// (missing flags count as unset).
pub(super) fn viterbi_within(
    scores: &[[f32; T]],
    transitions: &[[f32; T]; T + 1],
    inner_only: &[bool],
) -> Vec<usize> {
    viterbi_scored(scores, transitions, inner_only).0
}

/// [`viterbi_within`], and its table of best scores: `best[i][t]`, the best score of tokens
/// `0..=i` with tag `t` on token `i` (the forward pass [`span_margins_after`] needs).
pub(super) fn viterbi_scored(
    scores: &[[f32; T]],
    transitions: &[[f32; T]; T + 1],
    inner_only: &[bool],
) -> (Vec<usize>, Vec<[f32; T]>) {
    let inner = |i: usize| inner_only.get(i).copied().unwrap_or(false);
    let n = scores.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut best = vec![[f32::NEG_INFINITY; T]; n];
    let mut back = vec![[0u8; T]; n];
    for c in 0..T {
        if allowed(START, c) && !(c != 0 && inner(0)) {
            best[0][c] = transitions[START][c] + scores[0][c];
        }
    }
    for i in 1..n {
        let (inner_here, inner_before) = (inner(i), inner(i - 1));
        for c in 0..T {
            let mut top = f32::NEG_INFINITY;
            let mut arg = 0;
            if inner_here && c % 2 == 1 {
                // No span begins on this token.
                best[i][c] = top;
                continue;
            }
            // The tags `c` may follow (see [`allowed`]): I-X only B-X and I-X.
            let before = if c != 0 && c % 2 == 0 {
                c - 1..c + 1
            } else {
                0..T
            };
            for p in before {
                if inner_before && p != 0 && p != c {
                    // A span that reached token i - 1 goes on past it.
                    continue;
                }
                let s = best[i - 1][p] + transitions[p][c];
                if s > top {
                    top = s;
                    arg = p;
                }
            }
            best[i][c] = top + scores[i][c];
            back[i][c] = arg as u8;
        }
    }
    let mut tag = 0;
    for c in 1..T {
        if inner(n - 1) {
            break;
        }
        if best[n - 1][c] > best[n - 1][tag] {
            tag = c;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = tag;
    for i in (1..n).rev() {
        tag = back[i][tag] as usize;
        out[i - 1] = tag;
    }
    (out, best)
}

/// The score of a tag path under per-token scores and transitions.
pub(super) fn path_score(
    scores: &[[f32; T]],
    transitions: &[[f32; T]; T + 1],
    path: &[usize],
) -> f32 {
    let mut prev = START;
    let mut total = 0.0;
    for (i, &t) in path.iter().enumerate() {
        total += transitions[prev][t] + scores[i][t];
        prev = t;
    }
    total
}

/// For each span of `path` (the best valid BIO path of `scores`, as [`viterbi_within`]
/// gives it), the margin by which the best path beats the best path without that span (its
/// tokens all `O`), given to each of the span's tokens; `O` tokens get 0. A wide margin is a
/// name the model is sure of. One forward and one backward pass serve every span.
#[cfg(test)]
pub(super) fn span_margins(
    scores: &[[f32; T]],
    transitions: &[[f32; T]; T + 1],
    inner_only: &[bool],
    path: &[usize],
) -> Vec<f32> {
    let forward = span_margins_forward(scores, transitions, inner_only, path.len());
    span_margins_after(scores, transitions, inner_only, path, &forward)
}

/// The forward pass of [`span_margins`] worked out on its own: `forward[i][t]`, the best
/// score of tokens 0..=i with tag t on token i. [`viterbi_scored`]'s table is the same
/// (the tests check it), so tagging takes that one instead of a second pass.
#[cfg(test)]
fn span_margins_forward(
    scores: &[[f32; T]],
    transitions: &[[f32; T]; T + 1],
    inner_only: &[bool],
    n: usize,
) -> Vec<[f32; T]> {
    let inner = |i: usize| inner_only.get(i).copied().unwrap_or(false);
    let may = |i: usize, p: usize, c: usize| {
        allowed(p, c)
            && !(inner(i) && c % 2 == 1)
            && !(p != START && i > 0 && inner(i - 1) && p != 0 && p != c)
    };
    let mut forward = vec![[f32::NEG_INFINITY; T]; n];
    for c in 0..T {
        if may(0, START, c) {
            forward[0][c] = transitions[START][c] + scores[0][c];
        }
    }
    for i in 1..n {
        for c in 0..T {
            let mut top = f32::NEG_INFINITY;
            for p in 0..T {
                if may(i, p, c) {
                    top = top.max(forward[i - 1][p] + transitions[p][c]);
                }
            }
            forward[i][c] = top + scores[i][c];
        }
    }
    forward
}

/// [`span_margins`] given its forward pass (`forward`, as [`viterbi_scored`] gives it).
pub(super) fn span_margins_after(
    scores: &[[f32; T]],
    transitions: &[[f32; T]; T + 1],
    inner_only: &[bool],
    path: &[usize],
    forward: &[[f32; T]],
) -> Vec<f32> {
    let n = path.len();
    let mut out = vec![0.0; n];
    if path.iter().all(|&t| t == 0) {
        return out;
    }
    let inner = |i: usize| inner_only.get(i).copied().unwrap_or(false);
    // May tag `c` stand on token `i` after tag `p` on token i - 1 (`START` for none)?
    let may = |i: usize, p: usize, c: usize| {
        allowed(p, c)
            && !(inner(i) && c % 2 == 1)
            && !(p != START && i > 0 && inner(i - 1) && p != 0 && p != c)
    };
    // backward[i][t]: the best score of tokens i+1.. given tag t on token i.
    let mut backward = vec![[f32::NEG_INFINITY; T]; n];
    for (t, last) in backward[n - 1].iter_mut().enumerate() {
        if t == 0 || !inner(n - 1) {
            *last = 0.0;
        }
    }
    for i in (0..n - 1).rev() {
        for p in 0..T {
            let mut top = f32::NEG_INFINITY;
            for c in 0..T {
                if may(i + 1, p, c) {
                    top = top.max(transitions[p][c] + scores[i + 1][c] + backward[i + 1][c]);
                }
            }
            backward[i][p] = top;
        }
    }
    let best = path_score(scores, transitions, path);
    for (i, j) in path_spans(path) {
        // Tokens i..j all O: the best way in, the O run, the best way out.
        let before = if i == 0 {
            transitions[START][0]
        } else {
            (0..T)
                .filter(|&p| may(i, p, 0))
                .map(|p| forward[i - 1][p] + transitions[p][0])
                .fold(f32::NEG_INFINITY, f32::max)
        };
        let run: f32 =
            (i..j).map(|m| scores[m][0]).sum::<f32>() + transitions[0][0] * (j - i - 1) as f32;
        let after = if j == n {
            0.0
        } else {
            (0..T)
                .filter(|&c| may(j, 0, c))
                .map(|c| transitions[0][c] + scores[j][c] + backward[j][c])
                .fold(f32::NEG_INFINITY, f32::max)
        };
        let margin = best - (before + run + after);
        out[i..j].iter_mut().for_each(|m| *m = margin.max(0.0));
    }
    out
}

/// The spans of a valid BIO tag path (tag numbers as in [`Tag::ALL`]), as token ranges
/// `(first, end)`.
pub(super) fn path_spans(path: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < path.len() {
        if path[i] == 0 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < path.len() && path[j] != 0 && path[j].is_multiple_of(2) {
            j += 1;
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Makes a tag sequence valid BIO: an `I-X` that cannot continue becomes `B-X`.
pub(super) fn repair(tags: &mut [usize]) {
    let mut prev = START;
    for t in tags.iter_mut() {
        if !allowed(prev, *t) {
            *t -= 1;
        }
        prev = *t;
    }
}

/// Punctuation that text split into sentences carelessly leaves stuck to a word: HiNER has
/// ".करुणानिधि" where one sentence ended and the next began, and "घई:" or "\"अभियान".
pub(super) fn is_glued(c: char) -> bool {
    matches!(
        c,
        '.' | '।' | ',' | '!' | '?' | ':' | ';' | '"' | '“' | '”' | '\'' | '‘' | '’' | '(' | ')'
    )
}

/// Tokens with glued punctuation split off as tokens of their own, as a tokeniser would
/// have given them, and per original token (index of its word piece, end of its pieces); or
/// None when no token has any. A full stop ending a word stays (डॉ., initials).
#[allow(clippy::type_complexity)]
pub(super) fn split_glued<'a>(tokens: &[&'a str]) -> Option<(Vec<&'a str>, Vec<(usize, usize)>)> {
    let cut = |t: &'a str| -> Option<(&'a str, &'a str, &'a str)> {
        let word = t.trim_start_matches(is_glued);
        let lead = &t[..t.len() - word.len()];
        let mut core = word.trim_end_matches(is_glued);
        if &word[core.len()..] == "." {
            core = word;
        }
        let trail = &word[core.len()..];
        if (lead.is_empty() && trail.is_empty()) || !can_bound(core) {
            None
        } else {
            Some((lead, core, trail))
        }
    };
    if tokens.iter().all(|t| cut(t).is_none()) {
        return None;
    }
    let mut pieces = Vec::with_capacity(tokens.len() + 4);
    let mut spans = Vec::with_capacity(tokens.len());
    for &t in tokens {
        match cut(t) {
            None => {
                pieces.push(t);
                spans.push((pieces.len() - 1, pieces.len()));
            }
            Some((lead, core, trail)) => {
                if !lead.is_empty() {
                    pieces.push(lead);
                }
                pieces.push(core);
                let word = pieces.len() - 1;
                if !trail.is_empty() {
                    pieces.push(trail);
                }
                spans.push((word, pieces.len()));
            }
        }
    }
    Some((pieces, spans))
}

/// Gold tags of the original tokens spread over the pieces [`split_glued`] made: a piece
/// before the word is inside a name only when the token continues one, a piece after it only
/// when the next token continues the same name.
pub(super) fn spread_tags(tags: &[Tag], spans: &[(usize, usize)]) -> Vec<Tag> {
    let mut out = Vec::with_capacity(spans.last().map_or(0, |s| s.1));
    let mut begin = 0;
    for (i, (&(word, end), &tag)) in spans.iter().zip(tags).enumerate() {
        let lead = match tag {
            Tag::I(_) => tag,
            _ => Tag::O,
        };
        let trail = match (tag, tags.get(i + 1)) {
            (Tag::B(k) | Tag::I(k), Some(&Tag::I(n))) if k == n => Tag::I(k),
            _ => Tag::O,
        };
        out.extend(std::iter::repeat_n(lead, word - begin));
        out.push(tag);
        out.extend(std::iter::repeat_n(trail, end - word - 1));
        begin = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Kind;

    #[test]
    fn a_spans_margin_is_what_the_best_path_loses_without_it() {
        // Three tokens: the middle one a sure B-PER, the last one a doubtful B-LOC.
        let mut scores = [[0.0f32; T]; 3];
        scores[1][1] = 9.0;
        scores[2][3] = 0.5;
        let transitions = [[0.0f32; T]; T + 1];
        let path = viterbi(&scores, &transitions);
        assert_eq!(path, vec![0, 1, 3]);
        let margins = span_margins(&scores, &transitions, &[], &path);
        assert_eq!(margins, vec![0.0, 9.0, 0.5]);
    }

    #[test]
    fn margins_from_one_forward_and_backward_pass_are_those_of_viterbi_without_the_span() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 40) as f32 / (1u64 << 24) as f32 * 6.0 - 3.0
        };
        for n in 1..9 {
            for _ in 0..40 {
                let scores: Vec<[f32; T]> =
                    (0..n).map(|_| std::array::from_fn(|_| next())).collect();
                let transitions: [[f32; T]; T + 1] =
                    std::array::from_fn(|_| std::array::from_fn(|_| next()));
                let inner: Vec<bool> = (0..n).map(|_| next() > 2.0).collect();
                let (path, best_table) = viterbi_scored(&scores, &transitions, &inner);
                let fast = span_margins(&scores, &transitions, &inner, &path);
                // Tagging hands Viterbi's table to the margins as their forward pass: it
                // must be that pass to the bit.
                let forward = span_margins_forward(&scores, &transitions, &inner, n);
                let bits = |t: &[[f32; T]]| -> Vec<u32> {
                    t.iter().flatten().map(|x| x.to_bits()).collect()
                };
                assert_eq!(bits(&best_table), bits(&forward), "n {n}");
                assert_eq!(
                    span_margins_after(&scores, &transitions, &inner, &path, &best_table),
                    fast
                );
                // The slow way: bar the span's tokens from names and decode again.
                let best = path_score(&scores, &transitions, &path);
                for (i, j) in path_spans(&path) {
                    let mut without = scores.clone();
                    for row in &mut without[i..j] {
                        row[1..].fill(f32::NEG_INFINITY);
                    }
                    let other = viterbi_within(&without, &transitions, &inner);
                    let slow = (best - path_score(&scores, &transitions, &other)).max(0.0);
                    assert!(
                        (fast[i] - slow).abs() < 1e-3,
                        "n {n} span {i}..{j}: {} vs {slow}",
                        fast[i]
                    );
                }
            }
        }
    }

    #[test]
    fn viterbi_finds_the_best_valid_sequence() {
        // Against every sequence of up to four tags, on pseudo-random scores, transitions and
        // inner-only flags: the path is valid, keeps spans off inner-only tokens, and scores
        // as high as the best one.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 40) as f32 / (1u64 << 24) as f32 * 4.0 - 2.0
        };
        let valid = |path: &[usize], inner: &[bool]| {
            let mut prev = START;
            for (i, &t) in path.iter().enumerate() {
                let begins = t != 0 && (t % 2 == 1 || prev == 0 || prev == START);
                let ends = t != 0 && path.get(i + 1).is_none_or(|&n| n == 0 || n % 2 == 1);
                if !allowed(prev, t) || (inner[i] && (begins || ends)) {
                    return false;
                }
                prev = t;
            }
            true
        };
        for case in 0..300 {
            let n = 1 + case % 4;
            let scores: Vec<[f32; T]> = (0..n).map(|_| std::array::from_fn(|_| next())).collect();
            let transitions: [[f32; T]; T + 1] =
                std::array::from_fn(|_| std::array::from_fn(|_| next()));
            let inner: Vec<bool> = (0..n).map(|_| next() > 1.0).collect();
            let score = |path: &[usize]| path_score(&scores, &transitions, path);
            let mut best = f32::NEG_INFINITY;
            for code in 0..T.pow(n as u32) {
                let path: Vec<usize> = (0..n).map(|i| code / T.pow(i as u32) % T).collect();
                if valid(&path, &inner) {
                    best = best.max(score(&path));
                }
            }
            let path = viterbi_within(&scores, &transitions, &inner);
            assert!(valid(&path, &inner), "case {case}: {path:?} {inner:?}");
            assert!((score(&path) - best).abs() < 1e-4, "case {case}");
        }
    }

    #[test]
    fn no_span_begins_or_ends_on_punctuation() {
        // "ओबामा ." with scores preferring B-PER I-PER: the full stop stays out of the name.
        let mut scores = vec![[0f32; T]; 2];
        scores[0][1] = 5.0;
        scores[1][2] = 5.0;
        let tokens = ["ओबामा", "."];
        let inner: Vec<bool> = tokens.iter().map(|t| !can_bound(t)).collect();
        assert_eq!(
            viterbi_within(&scores, &[[0.0; T]; T + 1], &inner),
            vec![1, 0]
        );
        // Inside a name (initials) it may stay: "ए . राजा".
        let mut scores = vec![[0f32; T]; 3];
        scores[0][1] = 5.0;
        scores[1][2] = 5.0;
        scores[2][2] = 5.0;
        let tokens = ["ए", ".", "राजा"];
        let inner: Vec<bool> = tokens.iter().map(|t| !can_bound(t)).collect();
        assert_eq!(
            viterbi_within(&scores, &[[0.0; T]; T + 1], &inner),
            vec![1, 2, 2]
        );
        // Nor does one begin on it.
        let mut scores = vec![[0f32; T]; 2];
        scores[0][1] = 5.0;
        scores[1][2] = 5.0;
        let inner = [true, false];
        assert_eq!(viterbi_within(&scores, &[[0.0; T]; T + 1], &inner)[0], 0);
    }

    #[test]
    fn glued_punctuation_is_split_off_and_tags_follow() {
        let tokens = ["हैं", ".करुणानिधि", "के", "सुभाष", "घई:", "डॉ.", "..."];
        let (pieces, spans) = split_glued(&tokens).unwrap();
        assert_eq!(
            pieces,
            ["हैं", ".", "करुणानिधि", "के", "सुभाष", "घई", ":", "डॉ.", "..."]
        );
        assert_eq!(
            spans,
            [(0, 1), (2, 3), (3, 4), (4, 5), (5, 7), (7, 8), (8, 9)]
        );
        let per = |b: bool| {
            if b {
                Tag::B(Kind::Person)
            } else {
                Tag::I(Kind::Person)
            }
        };
        let tags = [
            Tag::O,
            per(true),
            Tag::O,
            per(true),
            per(false),
            Tag::O,
            Tag::O,
        ];
        assert_eq!(
            spread_tags(&tags, &spans),
            [
                Tag::O,
                Tag::O,
                per(true),
                Tag::O,
                per(true),
                per(false),
                Tag::O,
                Tag::O,
                Tag::O
            ]
        );
        assert!(split_glued(&["राम", "ने", "कहा", "।"]).is_none());
    }
}
