//! Romanised search keys: a lossy Latin "skeleton" of a word, so that a reader typing
//! `putin`, `kejriwal` or `dilli` finds पुतिन, केजरीवाल, दिल्ली. Not a transliteration: two
//! words that sound alike to an English speller get the same key, whatever else collides.
//!
//! Both sides go through [`latin_key`]: a Devanagari word is first spelled out in rough
//! Latin (with and without Hindi's dropped inherent vowels), a Latin query word directly.
//! The key then
//! - drops aspiration and doubling (`kh`→`k`, `dh`→`d`, `ll`→`l`), vowel length (`aa`, `ee`,
//!   `oo`) and a final `a`;
//! - merges `w`/`v`, `z`/`j`, `ph`/`f`, `sh`/`s`, `q`/`k`, `x`/`ks`, `ck`/`c`/`k` (`s` before
//!   `e` `i` `y`), `y`/`i`,
//!   `ai`/`i`, `au`/`o`, and `m`/`n` before `b`/`p`;
//! - keeps `e` (े) apart from `i` and `a`; a query's `e` tries all three instead, since English
//!   spellings write `e` for ि (Delhi), for the inherent vowel (Banerjee, Gehlot) and for े.
//!
//! Anusvara and candrabindu both read `n` (गांधी and गाँधी are `gandhi`); the nukta changes
//! nothing except ड़/ढ़, read `r` as in Garhwal. Syllables and the silent inherent vowels come
//! from [`crate::text::syllable`], the model the romanised view reads too.

use crate::text::syllable::{Consonant, Scan, Syllables, Vowel, letter};

/// Reusable buffers for [`Skeleton::keys`], so the tokenizer allocates nothing per word.
#[derive(Clone, Default)]
pub struct Skeleton {
    syllables: Syllables,
    latin: String,
    bytes: Vec<u8>,
}

impl Skeleton {
    /// The keys of one word (Devanagari, Latin or mixed), written into `out` separated by
    /// spaces, each once: the spelling with every inherent vowel spoken but a final one,
    /// and the spellings with Hindi's silent inherent vowels dropped, read from the right
    /// (as the romanised view shows it) and from the left, where those differ (आदित्यनाथ
    /// `adityanath`; गडकरी `gadakari`, `gadakri`, `gadkari`; see
    /// [`Syllables::silence_medial_scanning`]). Empty when the word has nothing to key on.
    pub fn keys(&mut self, word: &str, out: &mut String) {
        out.clear();
        if word.is_ascii() {
            latin_key_into(word, &mut self.bytes, out);
            return;
        }
        self.spell(word, None);
        latin_key_into(&self.latin, &mut self.bytes, out);
        for scan in [Scan::FromRight, Scan::FromLeft] {
            if !self.spell(word, Some(scan)) {
                continue;
            }
            let start = out.len();
            out.push(' ');
            latin_key_into_append(&self.latin, &mut self.bytes, out);
            let (before, key) = out.split_at(start);
            if before.split(' ').any(|k| k == &key[1..]) {
                out.truncate(start);
            }
        }
    }

    /// The keys of a word as the index holds it, folded ([`crate::text::fold`]): its
    /// [`Skeleton::keys`], plus those with every ड and ढ after the first letter read as ड़ and
    /// ढ़. Folding dropped the nukta that makes गढ़वाल `garhval`, and after another letter the
    /// nukta form is the common one; the extra keys cost little (a query must still match).
    pub fn folded_keys(&mut self, word: &str, out: &mut String) {
        self.keys(word, out);
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return;
        };
        let rest = chars.as_str();
        if !rest.contains(['ड', 'ढ']) {
            return;
        }
        let mut variant = String::with_capacity(word.len() + 6);
        variant.push(first);
        for c in rest.chars() {
            variant.push(c);
            if matches!(c, 'ड' | 'ढ') {
                variant.push('\u{93c}');
            }
        }
        let mut more = String::new();
        self.keys(&variant, &mut more);
        for key in more.split(' ').filter(|k| !k.is_empty()) {
            if !out.split(' ').any(|k| k == key) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(key);
            }
        }
    }

    /// Spells `word` out in rough Latin into `self.latin`: each run of Devanagari letters
    /// read as syllables ([`crate::text::syllable`]) with a final silent `a` dropped, and
    /// with `medial` the silent ones inside the run too, found scanning that way; digits and
    /// Latin letters as they are, anything else left out. Whether `medial` silenced
    /// anything.
    fn spell(&mut self, word: &str, medial: Option<Scan>) -> bool {
        self.latin.clear();
        let mut silenced = false;
        let mut rest = word;
        while let Some(c) = rest.chars().next() {
            let kind = letter(c);
            if kind.in_word() {
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| !letter(c).in_word())
                    .map_or(rest.len(), |(i, _)| i);
                self.syllables.parse(&rest[..end], 0);
                self.syllables.silence_final();
                if let Some(scan) = medial {
                    silenced |= self.syllables.silence_medial_scanning(scan);
                }
                for s in self.syllables.iter() {
                    spell_consonants(s.consonants, &mut self.latin);
                    match s.vowel {
                        Vowel::Inherent => self.latin.push('a'),
                        Vowel::Written(v) => self.latin.push_str(vowel(v)),
                        Vowel::Silent | Vowel::None => {}
                    }
                    for &coda in s.codas {
                        // Visarga; anusvara and candrabindu read `n`.
                        self.latin.push(if coda == 'ः' { 'h' } else { 'n' });
                    }
                }
                rest = &rest[end..];
                continue;
            }
            match c {
                '\u{966}'..='\u{96f}' => {
                    let digit = (c as u32 - 0x966) as u8;
                    self.latin.push(char::from(b'0' + digit));
                }
                c if c.is_ascii_alphanumeric() => self.latin.push(c.to_ascii_lowercase()),
                _ => {}
            }
            rest = &rest[c.len_utf8()..];
        }
        silenced
    }
}

/// A cluster's consonants in rough Latin; ज्ञ is `gy` (ज्ञान `gyan`).
fn spell_consonants(cluster: &[Consonant], out: &mut String) {
    let mut i = 0;
    while let Some(&c) = cluster.get(i) {
        let jna =
            c.letter == 'ज' && !c.nukta && cluster.get(i + 1).is_some_and(|n| n.letter == 'ञ');
        if jna {
            out.push_str("gy");
            i += 2;
        } else {
            out.push_str(consonant(c));
            i += 1;
        }
    }
}

/// A consonant in rough Latin. The nukta changes nothing except ड़ ढ़ (`r` `rh`), ज़ (`z`)
/// and फ़ (`f`).
fn consonant(c: Consonant) -> &'static str {
    match (c.letter, c.nukta) {
        ('क', _) => "k",
        ('ख', _) => "kh",
        ('ग', _) => "g",
        ('घ', _) => "gh",
        ('ङ' | 'ञ' | 'ण' | 'न', _) => "n",
        ('च', _) => "ch",
        ('छ', _) => "chh",
        ('ज', false) => "j",
        ('ज', true) => "z",
        ('झ', _) => "jh",
        ('ट', _) => "t",
        ('ठ', _) => "th",
        ('ड', false) => "d",
        ('ड', true) => "r",
        ('ढ', false) => "dh",
        ('ढ', true) => "rh",
        ('त', _) => "t",
        ('थ', _) => "th",
        ('द', _) => "d",
        ('ध', _) => "dh",
        ('प', _) => "p",
        ('फ', false) => "ph",
        ('फ', true) => "f",
        ('ब', _) => "b",
        ('भ', _) => "bh",
        ('म', _) => "m",
        ('य', _) => "y",
        ('र', _) => "r",
        ('ल' | 'ळ', _) => "l",
        ('व', _) => "v",
        ('श' | 'ष', _) => "sh",
        ('स', _) => "s",
        ('ह', _) => "h",
        _ => "",
    }
}

/// A written vowel ([`Vowel::Written`]) in rough Latin.
fn vowel(v: char) -> &'static str {
    match v {
        'अ' | 'ऄ' => "a",
        'आ' => "aa",
        'इ' => "i",
        'ई' => "ii",
        'उ' => "u",
        'ऊ' => "uu",
        'ऋ' | 'ॠ' => "ri",
        'ऌ' | 'ॡ' => "li",
        'ऍ' | 'ऎ' | 'ए' | 'ॲ' => "e",
        'ऐ' => "ai",
        'ऑ' | 'ऒ' | 'ओ' => "o",
        'औ' => "au",
        _ => "",
    }
}

/// The key of a lowercase Latin spelling (see the module doc). Only ASCII letters and
/// digits count.
pub fn latin_key(latin: &str) -> String {
    let mut out = String::new();
    latin_key_into(latin, &mut Vec::new(), &mut out);
    out
}

/// [`latin_key`] into `out`, replacing it.
fn latin_key_into(latin: &str, bytes: &mut Vec<u8>, out: &mut String) {
    out.clear();
    latin_key_into_append(latin, bytes, out);
}

/// [`latin_key`] appended to `out`.
fn latin_key_into_append(latin: &str, bytes: &mut Vec<u8>, out: &mut String) {
    consonants(latin.as_bytes(), bytes);
    long_vowels(bytes);
    vowels(bytes);
    // ASCII only, so always valid.
    out.extend(bytes.iter().map(|&b| b as char));
}

/// The keys a Latin query word may stand for: its own key plus the ones with each `e` read
/// as `i` or `a`, each `u` before two consonants read as `a` (Trump ट्रंप, Punjab
/// पंजाब), and `ow` (before a consonant or at the end) and `ou` read as `o` (lockdown
/// लॉकडाउन, account अकाउंट). At most 27, its own first.
pub fn query_keys(word: &str) -> Vec<String> {
    let lower: String = word
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut base = Vec::new();
    consonants(lower.as_bytes(), &mut base);
    long_vowels(&mut base);
    let merged = base;
    let is_consonant = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphabetic() && !is_vowel(b));
    let mut choices: Vec<(usize, &[u8])> = Vec::new();
    let mut count = 1usize;
    for (at, &b) in merged.iter().enumerate() {
        let before_two_consonants =
            is_consonant(merged.get(at + 1)) && is_consonant(merged.get(at + 2));
        let after_o = at > 0 && merged[at - 1] == b'o';
        // A 0 drops the letter: English `ow` and `ou` are Hindi's आउ, keyed `o` (लॉकडाउन,
        // अकाउंट); `w` has become `v` by now.
        let options: &[u8] = match b {
            b'e' => b"eia",
            b'u' if after_o && before_two_consonants => b"ua\0",
            b'u' if after_o => b"u\0",
            b'u' if before_two_consonants => b"ua",
            b'v' if after_o && !merged.get(at + 1).is_some_and(|&n| is_vowel(n)) => b"v\0",
            _ => continue,
        };
        if count * options.len() > 27 {
            break;
        }
        count *= options.len();
        choices.push((at, options));
    }
    let mut keys: Vec<String> = Vec::with_capacity(count);
    let mut variant = merged.clone();
    for n in 0..count {
        let mut rest = n;
        for &(at, options) in &choices {
            variant[at] = options[rest % options.len()];
            rest /= options.len();
        }
        let mut bytes: Vec<u8> = variant.iter().copied().filter(|&b| b != 0).collect();
        vowels(&mut bytes);
        let key: String = bytes.iter().map(|&b| b as char).collect();
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

pub(super) fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// First pass: letters and digits only, consonant spellings merged, aspiration dropped.
pub(super) fn consonants(latin: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let letters = latin.iter().copied().filter(u8::is_ascii_alphanumeric);
    let mut prev_was_consonant = false;
    let mut iter = letters.map(|b| b.to_ascii_lowercase()).peekable();
    let mut first = true;
    while let Some(b) = iter.next() {
        let next = iter.peek().copied();
        let emit: &[u8] = match b {
            // Xi शी, but Laxmi लक्ष्मी.
            b'x' if first => b"s",
            b'x' => b"ks",
            b'q' => b"k",
            b'z' => b"j",
            // Moskow मॉस्को.
            b'w' if next.is_none() && out.last() == Some(&b'o') => b"",
            b'w' => b"v",
            b'c' if next == Some(b'k') => {
                iter.next();
                b"k"
            }
            b'c' if next == Some(b'h') => b"c",
            // Office ऑफिस, center सेंटर.
            b'c' if matches!(next, Some(b'e' | b'i' | b'y')) => b"s",
            b'c' => b"k",
            b'p' if next == Some(b'h') => {
                iter.next();
                b"f"
            }
            // Aspiration: kh gh ch jh th dh bh sh lh …
            b'h' if prev_was_consonant => b"",
            // m before a labial is the anusvara: Sambhal संभल, Chambal चंबल.
            b'm' if matches!(next, Some(b'b' | b'p')) => b"n",
            _ => std::slice::from_ref(&b),
        };
        first = false;
        out.extend_from_slice(emit);
        if let Some(&last) = out.last() {
            prev_was_consonant = last.is_ascii_alphabetic() && !is_vowel(last) && last != b'h';
        }
    }
}

/// `ee` is ी and `oo` is ू, whatever the other rules do with `e` and `o`.
pub(super) fn long_vowels(bytes: &mut Vec<u8>) {
    let mut w = 0;
    let mut r = 0;
    while r < bytes.len() {
        let b = bytes[r];
        if (b == b'e' || b == b'o') && bytes.get(r + 1) == Some(&b) {
            bytes[w] = if b == b'e' { b'i' } else { b'u' };
            r += 2;
        } else {
            bytes[w] = b;
            r += 1;
        }
        w += 1;
    }
    bytes.truncate(w);
}

/// Second pass: vowel length, `y`→`i`, diphthongs, doubling, a final `a`.
fn vowels(bytes: &mut Vec<u8>) {
    for b in bytes.iter_mut() {
        if *b == b'y' {
            *b = b'i';
        }
    }
    bytes.dedup();
    // ai → i, au → o.
    let mut w = 0;
    let mut r = 0;
    while r < bytes.len() {
        let (b, next) = (bytes[r], bytes.get(r + 1).copied());
        match (b, next) {
            (b'a', Some(b'i')) => {
                bytes[w] = b'i';
                r += 2;
            }
            (b'a', Some(b'u')) => {
                bytes[w] = b'o';
                r += 2;
            }
            _ => {
                bytes[w] = b;
                r += 1;
            }
        }
        w += 1;
    }
    bytes.truncate(w);
    bytes.dedup();
    if bytes.len() > 2 && bytes.last() == Some(&b'a') {
        bytes.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the index files `word` under: those of its folded form.
    fn keys(word: &str) -> Vec<String> {
        let mut out = String::new();
        Skeleton::default().folded_keys(&crate::text::fold::fold(word), &mut out);
        out.split(' ')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Whether the query finds the word.
    fn finds(query: &str, word: &str) -> bool {
        let indexed = keys(word);
        query_keys(query).iter().any(|k| indexed.contains(k))
    }

    /// Common English spellings of names and words in Hindi news.
    const NAMES: &[(&str, &str)] = &[
        ("putin", "पुतिन"),
        ("shoigu", "शोइगु"),
        ("pyongyang", "प्योंगयांग"),
        ("kim", "किम"),
        ("jong", "जोंग"),
        ("mosko", "मॉस्को"),
        ("moskow", "मॉस्को"),
        ("modi", "मोदी"),
        ("narendra", "नरेंद्र"),
        ("dilli", "दिल्ली"),
        ("delhi", "दिल्ली"),
        ("rahul", "राहुल"),
        ("gandhi", "गांधी"),
        ("gandhi", "गाँधी"),
        ("amit", "अमित"),
        ("shah", "शाह"),
        ("rajnath", "राजनाथ"),
        ("kejriwal", "केजरीवाल"),
        ("yogi", "योगी"),
        ("adityanath", "आदित्यनाथ"),
        ("akhilesh", "अखिलेश"),
        ("mayawati", "मायावती"),
        ("nitish", "नीतीश"),
        ("mamata", "ममता"),
        ("mamta", "ममता"),
        ("banerjee", "बनर्जी"),
        ("mukherjee", "मुखर्जी"),
        ("uddhav", "उद्धव"),
        ("sharad", "शरद"),
        ("pawar", "पवार"),
        ("gadkari", "गडकरी"),
        ("jaishankar", "जयशंकर"),
        ("zelensky", "ज़ेलेंस्की"),
        ("netanyahu", "नेतन्याहू"),
        ("imran", "इमरान"),
        ("khan", "ख़ान"),
        ("biden", "बाइडेन"),
        ("trump", "ट्रंप"),
        ("xi", "शी"),
        ("jinping", "जिनपिंग"),
        ("shehbaz", "शहबाज़"),
        ("sharif", "शरीफ़"),
        ("gehlot", "गहलोत"),
        ("mehbooba", "महबूबा"),
        ("owaisi", "ओवैसी"),
        ("priyanka", "प्रियंका"),
        ("sonia", "सोनिया"),
        ("nirmala", "निर्मला"),
        ("sitharaman", "सीतारमण"),
        ("stalin", "स्टालिन"),
        ("nadda", "नड्डा"),
        ("bhagwant", "भगवंत"),
        ("mumbai", "मुंबई"),
        ("kolkata", "कोलकाता"),
        ("hyderabad", "हैदराबाद"),
        ("pakistan", "पाकिस्तान"),
        ("punjab", "पंजाब"),
        ("kashmir", "कश्मीर"),
        ("ladakh", "लद्दाख"),
        ("manipur", "मणिपुर"),
        ("bihar", "बिहार"),
        ("nepal", "नेपाल"),
        ("isro", "इसरो"),
        ("lakshmi", "लक्ष्मी"),
        ("laxmi", "लक्ष्मी"),
        ("krishna", "कृष्ण"),
        ("gyan", "ज्ञान"),
        ("shri", "श्री"),
        ("sri", "श्री"),
        ("garhwal", "गढ़वाल"),
        ("chunav", "चुनाव"),
        ("office", "ऑफिस"),
        ("center", "सेंटर"),
        ("sarkar", "सरकार"),
        ("congress", "कांग्रेस"),
        ("ukraine", "यूक्रेन"),
        ("thackeray", "ठाकरे"),
        ("lucknow", "लखनऊ"),
        ("lockdown", "लॉकडाउन"),
        ("account", "अकाउंट"),
        ("counter", "काउंटर"),
        ("town", "टाउन"),
        ("house", "हाउस"),
        // Read from the right (the romanised view) or from the left: both are keys.
        ("madadgar", "मददगार"),
        ("bhagalpur", "भागलपुर"),
        ("ahmadabad", "अहमदाबाद"),
        ("farvari", "फरवरी"),
        ("internet", "इंटरनेट"),
        ("saurav", "साैरव"),
    ];

    #[test]
    fn romanised_names_table() {
        let failed: Vec<String> = NAMES
            .iter()
            .filter(|(q, w)| !finds(q, w))
            .map(|(q, w)| format!("{q} → {w}: {:?} vs {:?}", query_keys(q), keys(w)))
            .collect();
        let passed = NAMES.len() - failed.len();
        println!("romanised table: {passed}/{} pass", NAMES.len());
        for f in &failed {
            println!("  miss: {f}");
        }
        // English spellings of foreign or irregular names (Congress, Ukraine, Thackeray,
        // Lucknow) are not transliterations; everything else must pass (English loanwords
        // with `ow`/`ou` included).
        assert!(failed.len() <= 4, "{failed:#?}");
    }

    #[test]
    fn the_brief_examples() {
        for (q, w) in [
            ("putin", "पुतिन"),
            ("shoigu", "शोइगु"),
            ("pyongyang", "प्योंगयांग"),
            ("kim", "किम"),
            ("mosko", "मॉस्को"),
            ("moskow", "मॉस्को"),
            ("modi", "मोदी"),
            ("dilli", "दिल्ली"),
            ("delhi", "दिल्ली"),
        ] {
            assert!(
                finds(q, w),
                "{q} → {w}: {:?} vs {:?}",
                query_keys(q),
                keys(w)
            );
        }
    }

    #[test]
    fn distinct_names_stay_apart() {
        for (q, w) in [
            ("putin", "पटना"),
            ("modi", "मुद्दा"),
            ("delhi", "दल"),
            ("kim", "कम"),
            ("lockdown", "लोकदेवता"),
            ("town", "तीन"),
        ] {
            assert!(!finds(q, w), "{q} should not find {w}");
        }
    }

    #[test]
    fn keys_are_plain_ascii_and_short() {
        assert_eq!(keys("पुतिन"), vec!["putin"]);
        let mut plain = String::new();
        Skeleton::default().keys("गडकरी", &mut plain);
        assert_eq!(plain, "gadakari gadakri gadkari");
        // The index's folded words also get their ड read as ड़ (गढ़वाल is गढवाल there).
        assert_eq!(
            keys("गडकरी"),
            vec![
                "gadakari", "gadakri", "gadkari", "garakari", "garakri", "garkari"
            ]
        );
        assert!(keys("गढ़वाल").contains(&"garval".to_string()));
        assert_eq!(keys("डर"), vec!["dar"]);
        assert_eq!(keys("COVID-19"), vec!["kovid19"]);
        assert!(keys("।").is_empty());
        assert_eq!(latin_key("Putin"), "putin");
    }
}
