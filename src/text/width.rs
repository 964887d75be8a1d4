//! Display width of grapheme clusters, counted the way the terminal advances its cursor.
//!
//! A cluster is the unit of layout. Terminals count it one of two ways ([`Advance`]):
//!
//! - **By code point** (xterm, VTE, Konsole, alacritty, tmux…, and ratatui's buffer): the
//!   width is what `unicode-width` gives for the cluster. Spacing vowel signs count 1;
//!   virama, nukta, ु ू ं ँ, ZWJ and ZWNJ count 0, so a Devanagari cluster takes 1 to 4
//!   columns (स्त्री takes 4).
//! - **By grapheme** (mode 2027: Ghostty, Contour, foot, WezTerm): a cluster takes the
//!   width of its first character, 2 with an emoji presentation selector, so every
//!   Devanagari cluster takes 1 column.
//! - **By legacy grapheme**: as by grapheme, with clusters cut the way Unicode did before
//!   15.1, which ended a cluster at a virama, so a conjunct takes a column per consonant
//!   (`क्षि` is `क्` + `षि`, 2 columns). foot 1.13 with grapheme shaping does this, and so
//!   does any terminal built on an older Unicode library. [`legacy_pieces`] cuts a cluster.
//!
//! Laying out an article takes the advance as an argument ([`super::wrap::wrap`],
//! [`super::Layout::new`]), so it can run on any thread. Short strings drawn by the view
//! (titles, status, sidebar rows) go by the advance in force on the drawing thread
//! ([`set_advance`], [`with_advance`]): the reader sets it once, before the first frame;
//! everything else (tests, the command line) keeps the default, [`Advance::Codepoint`].

use std::cell::Cell;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How the terminal moves its cursor over a grapheme cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Advance {
    /// By the widths of the cluster's characters added up.
    #[default]
    Codepoint,
    /// By the width of the cluster's first character (mode 2027).
    Grapheme,
    /// By grapheme, with conjuncts cut after each virama (Unicode before 15.1).
    LegacyGrapheme,
}

thread_local! {
    static ADVANCE: Cell<Advance> = const { Cell::new(Advance::Codepoint) };
}

/// Sets how widths are counted on this thread from now on.
pub fn set_advance(advance: Advance) {
    ADVANCE.with(|a| a.set(advance));
}

/// How widths are counted on this thread.
pub fn advance() -> Advance {
    ADVANCE.with(Cell::get)
}

/// Runs `f` with widths counted as `advance` on this thread, then restores the previous way.
pub fn with_advance<T>(advance: Advance, f: impl FnOnce() -> T) -> T {
    struct Restore(Advance);
    impl Drop for Restore {
        fn drop(&mut self) {
            set_advance(self.0);
        }
    }
    let _restore = Restore(self::advance());
    set_advance(advance);
    f()
}

/// Columns one grapheme cluster takes, counted the way this thread's [`advance`] says.
pub fn cluster_width(cluster: &str) -> usize {
    cluster_width_by(advance(), cluster)
}

/// Columns one grapheme cluster takes on a terminal that advances by `advance`.
pub fn cluster_width_by(advance: Advance, cluster: &str) -> usize {
    match advance {
        Advance::Codepoint => UnicodeWidthStr::width(cluster),
        Advance::LegacyGrapheme => legacy_pieces(cluster)
            .map(|piece| cluster_width_by(Advance::Grapheme, piece))
            .sum(),
        Advance::Grapheme => {
            let mut chars = cluster.chars();
            let first = chars.next().and_then(UnicodeWidthChar::width).unwrap_or(0);
            if cluster.contains('\u{fe0f}') {
                2
            } else if first > 0 {
                first
            } else {
                // A cluster that opens with a mark (text that starts with one): nothing to
                // lean on, so as by code point.
                UnicodeWidthStr::width(cluster).min(1)
            }
        }
    }
}

/// Whether `c` is a consonant of one of the Brahmic scripts Unicode encodes in the
/// ISCII layout (Devanagari to Malayalam, U+0900–U+0D7F): the letters a virama joins.
fn is_brahmic_consonant(c: char) -> bool {
    let code = c as u32;
    if !(0x0900..0x0d80).contains(&code) {
        return false;
    }
    let at = code & 0x7f;
    (0x15..=0x39).contains(&at)
        || (0x58..=0x5f).contains(&at)
        || ((0x78..=0x7f).contains(&at) && code < 0x0980)
}

/// A cluster cut the way Unicode before 15.1 cut it: before each consonant that follows
/// a virama (with any joiners between). Anything else is one piece.
pub fn legacy_pieces(cluster: &str) -> impl Iterator<Item = &str> {
    let mut cuts: Vec<usize> = cluster
        .char_indices()
        .filter(|&(at, c)| at > 0 && is_brahmic_consonant(c))
        .map(|(at, _)| at)
        .collect();
    cuts.insert(0, 0);
    cuts.push(cluster.len());
    (0..cuts.len() - 1)
        .map(move |k| &cluster[cuts[k]..cuts[k + 1]])
        .filter(|piece| !piece.is_empty())
}

/// Columns a string takes, summed cluster by cluster exactly as it is drawn.
pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(cluster_width).sum()
}

/// The longest prefix of `s` that fits in `max` columns, never splitting a cluster.
pub fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (at, g) in s.grapheme_indices(true) {
        used += cluster_width(g);
        if used > max {
            return &s[..at];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devanagari_clusters_take_one_to_four_columns() {
        assert_eq!(cluster_width("क"), 1);
        assert_eq!(cluster_width("कि"), 2);
        assert_eq!(cluster_width("क्ष"), 2);
        assert_eq!(cluster_width("न्द्र"), 3);
        assert_eq!(cluster_width("स्त्री"), 4);
        assert_eq!(cluster_width("ज़"), 1);
        assert_eq!(cluster_width("कुं"), 1);
    }

    #[test]
    fn by_grapheme_every_devanagari_cluster_takes_one_column() {
        with_advance(Advance::Grapheme, || {
            for cluster in ["क", "कि", "क्ष", "न्द्र", "स्त्री", "ज़", "कुं", "a"]
            {
                assert_eq!(cluster_width(cluster), 1, "{cluster}");
            }
            assert_eq!(cluster_width("中"), 2);
            assert_eq!(cluster_width("❤\u{fe0f}"), 2);
            assert_eq!(str_width("स्त्री शक्ति"), 4);
            assert_eq!(truncate("कस्त्री", 1), "क");
        });
        // Restored afterwards.
        assert_eq!(advance(), Advance::Codepoint);
        assert_eq!(str_width("स्त्री शक्ति"), 9);
    }

    #[test]
    fn by_legacy_grapheme_a_conjunct_takes_a_column_per_consonant() {
        assert_eq!(legacy_pieces("क्षि").collect::<Vec<_>>(), vec!["क्", "षि"]);
        assert_eq!(
            legacy_pieces("स्त्री").collect::<Vec<_>>(),
            vec!["स्", "त्", "री"]
        );
        assert_eq!(
            legacy_pieces("क्\u{200d}ष").collect::<Vec<_>>(),
            vec!["क्\u{200d}", "ष"]
        );
        assert_eq!(legacy_pieces("कि").collect::<Vec<_>>(), vec!["कि"]);
        assert_eq!(legacy_pieces("ज़").collect::<Vec<_>>(), vec!["ज़"]);
        assert_eq!(
            legacy_pieces("❤\u{fe0f}").collect::<Vec<_>>(),
            vec!["❤\u{fe0f}"]
        );
        with_advance(Advance::LegacyGrapheme, || {
            assert_eq!(cluster_width("क्षि"), 2);
            assert_eq!(cluster_width("स्त्री"), 3);
            assert_eq!(cluster_width("कि"), 1);
            assert_eq!(cluster_width("中"), 2);
            assert_eq!(str_width("स्त्री शक्ति"), 7);
        });
    }

    #[test]
    fn conjuncts_are_one_cluster() {
        assert_eq!("स्त्री".graphemes(true).count(), 1);
        assert_eq!(
            "राष्ट्र".graphemes(true).collect::<Vec<_>>(),
            vec!["रा", "ष्ट्र"]
        );
    }

    #[test]
    fn truncate_keeps_whole_clusters() {
        assert_eq!(truncate("स्त्री", 3), "");
        assert_eq!(truncate("कस्त्री", 4), "क");
        assert_eq!(truncate("abc", 10), "abc");
    }
}
