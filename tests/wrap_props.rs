//! Property tests of the wrapper on random Devanagari: no line wider than asked, no cluster
//! split (unless one cluster alone is wider than the line), words kept in order.

use khabar::text::width::{Advance, cluster_width_by};
use khabar::text::wrap;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Random Devanagari-heavy text: consonants, vowel signs, virama chains (conjuncts up to
/// four columns wide), nukta, anusvara, ZWJ, digits, Latin, punctuation and spaces.
fn devanagari_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(vec!["क", "ख", "ग", "ज", "त", "द", "न", "प", "र", "स", "ष", "ह", "अ", "इ"]).prop_map(str::to_string),
        3 => prop::sample::select(vec!["ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ं", "ँ", "़", "ः"]).prop_map(str::to_string),
        2 => Just("्".to_string()),
        1 => prop::sample::select(vec!["स्त्री", "न्द्र", "राष्ट्र", "क्ष्म", "ज़्यादा", "द्ध्र्य"]).prop_map(str::to_string),
        1 => Just("\u{200d}".to_string()),
        1 => prop::sample::select(vec!["।", ",", ".", "-", "“", "”", "(", ")"]).prop_map(str::to_string),
        1 => prop::sample::select(vec!["२०२४", "21", "COVID", "कोरोना-वायरस-महामारी"]).prop_map(str::to_string),
        4 => prop::sample::select(vec![" ", " ", "  "]).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

/// The three ways a terminal advances over clusters.
fn advances() -> impl Strategy<Value = Advance> {
    prop::sample::select(vec![
        Advance::Codepoint,
        Advance::Grapheme,
        Advance::LegacyGrapheme,
    ])
}

/// Columns `s` takes on a terminal that advances by `advance`.
fn width_by(advance: Advance, s: &str) -> usize {
    s.graphemes(true)
        .map(|g| cluster_width_by(advance, g))
        .sum()
}

fn cluster_bounds(text: &str) -> Vec<usize> {
    text.grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn lines_fit_and_clusters_stay_whole(text in devanagari_text(), width in 2usize..60, advance in advances()) {
        let lines = wrap(&text, width, advance);
        let bounds = cluster_bounds(&text);
        let widest_cluster = text.graphemes(true).map(|g| cluster_width_by(advance, g)).max().unwrap_or(0);
        for line in &lines {
            let shown = &text[line.start..line.end];
            prop_assert!(line.width <= width, "{shown:?} is {} wide at {width}", line.width);
            prop_assert_eq!(line.width, width_by(advance, shown));
            if widest_cluster <= width {
                prop_assert!(bounds.contains(&line.start) && bounds.contains(&line.end),
                    "line {:?} splits a cluster", shown);
            }
        }
        // Lines follow each other and only whitespace is dropped between them.
        let mut at = 0;
        for line in &lines {
            prop_assert!(line.start >= at);
            prop_assert!(text[at..line.start].chars().all(|c| c == ' '), "text lost between lines");
            at = line.end;
        }
        prop_assert!(text[at..].chars().all(|c| c == ' '));
    }

    #[test]
    fn words_that_fit_are_never_broken(text in devanagari_text(), width in 12usize..60, advance in advances()) {
        // Words as the wrapper sees them: runs of clusters between whitespace clusters (a
        // space followed by a combining mark is one cluster, not whitespace).
        let mut words: Vec<&str> = Vec::new();
        let mut start = None;
        for (i, g) in text.grapheme_indices(true).chain(std::iter::once((text.len(), " "))) {
            match (g == " ", start) {
                (true, Some(s)) => { words.push(&text[s..i]); start = None; }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        let lines = wrap(&text, width, advance);
        let shown: Vec<&str> = lines.iter().map(|l| &text[l.start..l.end]).collect();
        for w in words.iter().filter(|w| width_by(advance, w) <= width / 2) {
            // A short word appears whole on some line.
            prop_assert!(shown.iter().any(|l| l.contains(*w)), "{w:?} was broken");
        }
    }
}
