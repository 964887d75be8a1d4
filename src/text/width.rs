//! Display width of grapheme clusters, counted the way code-point-advancing terminals
//! (xterm, VTE, Konsole, tmux…) and ratatui's buffer count them.
//!
//! A cluster is the unit of layout; its width is what `unicode-width` gives for it: spacing
//! vowel signs count 1, virama, nukta, ु ू ं ँ, ZWJ and ZWNJ count 0, so a Devanagari cluster
//! takes 1 to 4 columns (स्त्री takes 4).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns one grapheme cluster takes.
pub fn cluster_width(cluster: &str) -> usize {
    UnicodeWidthStr::width(cluster)
}

/// Columns a string takes, summed cluster by cluster exactly as ratatui draws it.
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
