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
//!
//! The advance in force is per thread ([`set_advance`], [`with_advance`]): the reader sets
//! it once, on the thread that lays out and draws, before the first frame; everything else
//! (tests, the command line) keeps the default, [`Advance::Codepoint`].

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
