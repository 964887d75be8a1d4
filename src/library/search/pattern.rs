//! English spellings of Hindi words as patterns over romanised keys ([`super::roman`]).
//!
//! [`super::roman::query_keys`] turns a Latin word into a few exact keys; that finds plain
//! spellings of Hindi words (`kejriwal`, `dilli`) but not English spellings of names that
//! Hindi writes as transliterations, where English vowels say little: `paris` पेरिस
//! (`peris`), `london` लंदन (`landan`), `germany` जर्मनी (`jarmani`), `madrid` मैड्रिड
//! (`midrid`, ै keyed `i`). A [`Pattern`] keeps the consonants and lets each vowel stand for
//! the vowels English writes it for, so the set of index words (an fst) is searched with it
//! as an automaton:
//! - `a` is ा, े, ै or ॉ; `e` is े, ि or the inherent vowel; `i` is ि or े; `o` and `u` are
//!   ओ, उ or the inherent vowel;
//! - in a run of vowels (`ai`, `ou`, `ea`) each may be silent, and so may a final `e` or `a`;
//! - an inherent vowel may come between two consonants (`google` गूगल `gugal`);
//! - `g` before `e` `i` `y` may be ज (`germany`, `geneva`); `ch` may be श (`chicago`);
//!   `d` may be ड़ (`r`); `b` after the first letter may be व; `h` after a vowel and `g`
//!   after `n` before a consonant may be silent (`johnson`, `bangkok`); `sch` is श;
//!   a `u` may be यू (`ukraine`, `cuba`); `s` after a vowel may be ज़ (`israel`), and the
//!   `e` of a final `es` may be silent.

use fst::Automaton;

use super::roman::{consonants, is_vowel, long_vowels};

/// One place of a pattern: the key bytes it may be, and whether it may be left out.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Slot {
    bytes: &'static [u8],
    optional: bool,
}

/// A Latin query word as a pattern over the romanised keys of index entries (`key NUL
/// word`): an [`Automaton`] matching the entries whose key fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    slots: Vec<Slot>,
}

/// Past the key's end, matched: everything after is the word.
const MATCHED: u64 = 1 << 63;
/// Longest pattern the state's bits hold.
const MAX_SLOTS: usize = 62;

impl Pattern {
    /// The pattern of a Latin word; `None` when it has no letters, too few to say anything
    /// (under four), or too many.
    pub fn of(word: &str) -> Option<Pattern> {
        let lower: Vec<u8> = word
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        if lower.len() < 4 || !lower.iter().any(u8::is_ascii_alphabetic) {
            return None;
        }
        // `sch` is श: the `c` goes before the consonant rules make it `c`.
        let mut plain = Vec::with_capacity(lower.len());
        for (i, &b) in lower.iter().enumerate() {
            let sch = b == b'c' && i > 0 && lower[i - 1] == b's' && lower.get(i + 1) == Some(&b'h');
            if !sch {
                plain.push(b);
            }
        }
        let mut merged = Vec::new();
        consonants(&plain, &mut merged);
        long_vowels(&mut merged);
        for b in merged.iter_mut() {
            if *b == b'y' {
                *b = b'i';
            }
        }
        merged.dedup();
        let mut slots = Vec::new();
        let n = merged.len();
        let mut at = 0;
        while at < n {
            let b = merged[at];
            if is_vowel(b) {
                let end = (at..n).find(|&j| !is_vowel(merged[j])).unwrap_or(n);
                let run = end - at;
                // `u` is often यू, after a consonant too: Cuba क्यूबा, YouTube यूट्यूब.
                if b == b'u' {
                    slots.push(Slot {
                        bytes: b"i",
                        optional: true,
                    });
                }
                for (j, &v) in merged[at..end].iter().enumerate() {
                    let last = at + j + 1 == n;
                    // A plural's `es`: Philippines फिलीपींस.
                    let plural = v == b'e' && at + j + 2 == n && merged[n - 1] == b's';
                    slots.push(Slot {
                        bytes: vowel_options(v),
                        optional: run > 1 || plural || (last && matches!(v, b'a' | b'e')),
                    });
                }
                at = end;
                continue;
            }
            let prev = at.checked_sub(1).map(|p| merged[p]);
            let next = merged.get(at + 1).copied();
            let next_is_consonant = next.is_some_and(|n| !is_vowel(n));
            let (bytes, optional): (&'static [u8], bool) = match b {
                b'g' if matches!(next, Some(b'e' | b'i')) => (b"gj", false),
                b'g' if prev == Some(b'n') && next_is_consonant => (b"g", true),
                b'd' if at == 0 && next == Some(b'j') => (b"d", true),
                b'd' => (b"dr", false),
                b'b' if at > 0 => (b"bv", false),
                b'c' => (b"cs", false),
                // After a vowel English `s` is often ज़: Albanese अल्बनीज, Israel इजराइल.
                b's' if prev.is_some_and(is_vowel) => (b"sj", false),
                b'h' if prev.is_some_and(is_vowel) && (next.is_none() || next_is_consonant) => {
                    (b"h", true)
                }
                _ => (byte_slice(b), false),
            };
            slots.push(Slot { bytes, optional });
            if next_is_consonant {
                slots.push(Slot {
                    bytes: b"a",
                    optional: true,
                });
            }
            at += 1;
        }
        (!slots.is_empty() && slots.len() <= MAX_SLOTS).then_some(Pattern { slots })
    }

    /// `state` with every place reachable by skipping optional slots.
    fn closure(&self, mut state: u64) -> u64 {
        for (i, slot) in self.slots.iter().enumerate() {
            if state & (1 << i) != 0 && slot.optional {
                state |= 1 << (i + 1);
            }
        }
        state
    }
}

/// What an English vowel may be in a key.
fn vowel_options(v: u8) -> &'static [u8] {
    match v {
        b'a' => b"aeio",
        b'e' => b"eia",
        b'i' => b"ie",
        b'o' => b"oau",
        b'u' => b"uao",
        _ => byte_slice(v),
    }
}

/// A key byte as a static one-byte slice.
fn byte_slice(b: u8) -> &'static [u8] {
    const ALL: [u8; 128] = {
        let mut all = [0u8; 128];
        let mut i = 0;
        while i < 128 {
            all[i] = i as u8;
            i += 1;
        }
        all
    };
    let i = usize::from(b & 0x7f);
    &ALL[i..=i]
}

impl Automaton for Pattern {
    /// Bit `i`: `i` slots matched so far; [`MATCHED`]: the key matched, in the word now.
    type State = u64;

    fn start(&self) -> u64 {
        self.closure(1)
    }

    fn is_match(&self, state: &u64) -> bool {
        *state & MATCHED != 0
    }

    fn can_match(&self, state: &u64) -> bool {
        *state != 0
    }

    fn will_always_match(&self, state: &u64) -> bool {
        *state & MATCHED != 0
    }

    fn accept(&self, state: &u64, byte: u8) -> u64 {
        if *state & MATCHED != 0 {
            return MATCHED;
        }
        if byte == super::romanised::SEPARATOR {
            let done = 1u64 << self.slots.len();
            return if *state & done != 0 { MATCHED } else { 0 };
        }
        let mut next = 0;
        for (i, slot) in self.slots.iter().enumerate() {
            if *state & (1 << i) != 0 && slot.bytes.contains(&byte) {
                next |= 1 << (i + 1);
            }
        }
        self.closure(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(word: &str, key: &str) -> bool {
        let Some(p) = Pattern::of(word) else {
            return false;
        };
        let mut state = p.start();
        for &b in key.as_bytes() {
            state = p.accept(&state, b);
        }
        state = p.accept(&state, super::super::romanised::SEPARATOR);
        p.is_match(&state)
    }

    #[test]
    fn english_vowels_fit_hindi_keys() {
        assert!(fits("paris", "peris"));
        assert!(fits("london", "landan"));
        assert!(fits("germany", "jarmani"));
        assert!(fits("madrid", "midrid"));
        assert!(fits("google", "gugal"));
        assert!(fits("ukraine", "iukren"));
        assert!(fits("putin", "putin"));
        assert!(fits("cuba", "kiub"));
        assert!(fits("israel", "ijaril"));
    }

    #[test]
    fn consonants_must_fit() {
        assert!(!fits("paris", "pasir"));
        assert!(!fits("putin", "patn"));
        assert!(!fits("london", "landa"));
        assert!(!fits("delhi", "dal"));
        assert!(Pattern::of("who").is_none());
    }
}
