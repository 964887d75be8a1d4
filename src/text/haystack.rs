//! Many short texts kept as one string and searched in one pass: the directory's filter
//! looks for what is typed in every name of the folder (128,000 entities at 100,000
//! articles), and one `memmem` scan over the joined names is more than twice as quick as a
//! `contains` per name (a key 2.2 ms → 0.9 ms there), and keeps one allocation instead of
//! one per name.

use memchr::memmem;

/// Separates the texts; a needle holding it matches nothing.
const SEPARATOR: char = '\0';

/// Texts numbered from 0, joined with a separator no needle may hold.
#[derive(Debug, Clone, Default)]
pub struct Haystack {
    joined: String,
    /// Where each text ends in `joined` (its separator's offset).
    ends: Vec<u32>,
}

impl Haystack {
    /// The texts, numbered in order. A text holding the separator can be found by its parts
    /// only.
    pub fn new<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> Haystack {
        let mut joined = String::new();
        let mut ends = Vec::new();
        for text in texts {
            joined.push_str(text.as_ref());
            ends.push(u32::try_from(joined.len()).unwrap_or(u32::MAX));
            joined.push(SEPARATOR);
        }
        joined.shrink_to_fit();
        ends.shrink_to_fit();
        Haystack { joined, ends }
    }

    /// How many texts it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Text `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize + SEPARATOR.len_utf8(),
        };
        self.joined.get(start..end)
    }

    /// The numbers of the texts that hold `needle`, in order (every text for an empty one).
    pub fn holding(&self, needle: &str) -> Vec<usize> {
        if needle.is_empty() {
            return (0..self.len()).collect();
        }
        if needle.contains(SEPARATOR) {
            return Vec::new();
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        let hay = self.joined.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = finder.find(&hay[from..]) {
            let at = from + at;
            // The text it is in: the first whose end is past it.
            let i = self.ends.partition_point(|&end| (end as usize) <= at);
            found.push(i);
            // Once a text holds it, on to the next text.
            match self.ends.get(i) {
                Some(&end) => from = end as usize + SEPARATOR.len_utf8(),
                None => break,
            }
            if from >= hay.len() {
                break;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_text_holding_the_needle_once_and_in_order() {
        let names = ["नरेंद्र मोदी\nमोदी", "राहुल गांधी", "", "मोदी सरकार", "गांधी"];
        let hay = Haystack::new(names);
        assert_eq!(hay.len(), 5);
        assert_eq!(hay.holding("मोदी"), [0, 3]);
        assert_eq!(hay.holding("गांधी"), [1, 4]);
        assert_eq!(hay.holding("ी"), [0, 1, 3, 4]);
        assert_eq!(hay.holding(""), [0, 1, 2, 3, 4]);
        assert!(hay.holding("पुतिन").is_empty());
        for (i, name) in names.iter().enumerate() {
            assert_eq!(hay.get(i), Some(*name));
        }
        assert_eq!(hay.get(5), None);
    }

    #[test]
    fn a_needle_never_matches_across_two_texts() {
        let hay = Haystack::new(["ab", "cd"]);
        assert!(hay.holding("bc").is_empty());
        assert!(hay.holding("b\0c").is_empty());
        assert!(hay.holding("\0").is_empty());
        assert_eq!(hay.holding("d"), [1]);
    }

    #[test]
    fn agrees_with_contains_on_every_needle_of_a_text() {
        let names = ["अमित शाह", "शाहजहांपुर", "शाह", "अमित", "ab\nba", "aaa", "a"];
        let hay = Haystack::new(names);
        for name in names {
            for (start, _) in name.char_indices() {
                for end in (start + 1..=name.len()).filter(|&e| name.is_char_boundary(e)) {
                    let needle = &name[start..end];
                    let want: Vec<usize> = (0..names.len())
                        .filter(|&i| names[i].contains(needle))
                        .collect();
                    assert_eq!(hay.holding(needle), want, "{needle:?}");
                }
            }
        }
    }
}
