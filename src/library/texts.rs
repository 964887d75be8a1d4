//! The folder timeline's text, kept once: every expression, value, modifier and event line
//! in a few large blocks rather than a `String` each (at 100,000 articles, 650,000 events
//! each had four, 180 MB with their headers and slack), and each distinct text stored
//! once (values and expressions repeat endlessly; so does a clause with two dates in it,
//! or a wire story printed by several papers).

use std::collections::HashMap;
use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

/// Bytes per block. Blocks are never grown once full, so adding text never copies what is
/// stored (a single growing buffer would hold its old and new copy at once).
const BLOCK: usize = 1 << 20;
/// Blocks the 32 bits of a [`TextRef`] can address.
const MAX_BLOCKS: usize = 1 << 12;

/// Where a text is: its block and offset (block × [`BLOCK`] + offset), and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct TextRef {
    at: u32,
    len: u32,
}

/// The texts, and while they are added, what is stored already.
#[derive(Debug, Clone, Default)]
pub(super) struct Texts {
    blocks: Vec<String>,
    /// A text's hash → where it is; for the first text of each hash (one of two texts that
    /// share a hash is simply stored twice). Dropped by [`Texts::seal`].
    seen: HashMap<u64, TextRef, FxBuildHasher>,
}

impl TextRef {
    /// No text at all (not even the empty one): a value an entry does not have. Kept in
    /// place of an `Option`, which would take four bytes more.
    const NONE: TextRef = TextRef {
        at: u32::MAX,
        len: u32::MAX,
    };

    /// `text`, or [`TextRef::NONE`].
    pub fn some(text: Option<TextRef>) -> TextRef {
        text.unwrap_or(TextRef::NONE)
    }

    /// The text, unless this is [`TextRef::NONE`].
    pub fn get(self) -> Option<TextRef> {
        (self != TextRef::NONE).then_some(self)
    }
}

impl Texts {
    /// Stores `text`, or finds it stored already. A text longer than a block is cut (at a
    /// character boundary) to one; past 4 GiB of text, nothing more is stored and the empty
    /// text is given.
    pub fn add(&mut self, text: &str) -> TextRef {
        if text.is_empty() {
            return TextRef::default();
        }
        let mut cut = text.len().min(BLOCK);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &text[..cut];
        let hash = FxBuildHasher.hash_one(text);
        if let Some(&found) = self.seen.get(&hash)
            && self.get(found) == text
        {
            return found;
        }
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= text.len());
        if !fits {
            if self.blocks.len() >= MAX_BLOCKS {
                return TextRef::default();
            }
            self.blocks.push(String::with_capacity(BLOCK));
        }
        let block = self.blocks.len() - 1;
        let Some(last) = self.blocks.last_mut() else {
            return TextRef::default();
        };
        let offset = last.len();
        last.push_str(text);
        let place = TextRef {
            at: (block * BLOCK + offset) as u32,
            len: text.len() as u32,
        };
        self.seen.entry(hash).or_insert(place);
        place
    }

    /// A text stored here (the empty text for a place that is not).
    pub fn get(&self, place: TextRef) -> &str {
        let at = place.at as usize;
        let (block, offset) = (at / BLOCK, at % BLOCK);
        self.blocks
            .get(block)
            .and_then(|b| b.get(offset..offset + place.len as usize))
            .unwrap_or("")
    }

    /// Done adding: forgets what was seen, and gives back the last block's slack.
    pub fn seal(&mut self) {
        self.seen = HashMap::default();
        if let Some(last) = self.blocks.last_mut() {
            last.shrink_to_fit();
        }
    }

    /// Bytes of text stored.
    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.blocks.iter().map(String::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_stored_once_and_read_back() {
        let mut texts = Texts::default();
        let a = texts.add("2025-03-21");
        let b = texts.add("सोमवार को दिल्ली में बैठक हुई");
        assert_eq!(texts.add("2025-03-21"), a);
        assert_eq!(texts.get(a), "2025-03-21");
        assert_eq!(texts.get(b), "सोमवार को दिल्ली में बैठक हुई");
        assert_eq!(texts.bytes(), "2025-03-21".len() + texts.get(b).len());
        let empty = texts.add("");
        assert_eq!(texts.get(empty), "");
        texts.seal();
        assert_eq!(texts.get(b), "सोमवार को दिल्ली में बैठक हुई");
    }

    #[test]
    fn texts_fill_one_block_after_another() {
        let mut texts = Texts::default();
        let line = "क".repeat(1000);
        let places: Vec<(String, TextRef)> = (0..3000)
            .map(|i| {
                let text = format!("{i} {line}");
                let place = texts.add(&text);
                (text, place)
            })
            .collect();
        assert!(texts.blocks.len() > 1);
        for (text, place) in &places {
            assert_eq!(texts.get(*place), text);
        }
    }

    #[test]
    fn a_text_longer_than_a_block_is_cut_at_a_character() {
        let mut texts = Texts::default();
        let long = "ख".repeat(BLOCK);
        let place = texts.add(&long);
        let got = texts.get(place);
        assert!(got.len() <= BLOCK && got.len() > BLOCK - 3);
        assert!(long.starts_with(got));
    }
}
