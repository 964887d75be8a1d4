//! Acronyms in a query: the English letters' names as Hindi papers write them, so that
//! `WHO` finds डब्ल्यूएचओ and `BJP` finds बीजेपी.

/// The names of `A` to `Z` in Devanagari, as Hindi news writes them in acronyms.
pub const LETTER_NAMES: [&str; 26] = [
    "ए",    // A
    "बी",   // B
    "सी",   // C
    "डी",   // D
    "ई",    // E
    "एफ",   // F
    "जी",   // G
    "एच",   // H
    "आई",   // I
    "जे",    // J
    "के",    // K
    "एल",   // L
    "एम",   // M
    "एन",   // N
    "ओ",    // O
    "पी",   // P
    "क्यू",   // Q
    "आर",   // R
    "एस",   // S
    "टी",   // T
    "यू",    // U
    "वी",   // V
    "डब्ल्यू", // W
    "एक्स",  // X
    "वाई",  // Y
    "जेड",   // Z
];

/// The Devanagari spelling of `word` when it is an acronym: two to six Latin capitals and
/// nothing else (`WHO` डब्ल्यूएचओ). `None` for anything else (`Who`, `who`, `A`, `COVID19`).
pub fn spelled(word: &str) -> Option<String> {
    let letters = word.len();
    if !(2..=6).contains(&letters) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some(
        word.bytes()
            .map(|b| LETTER_NAMES[usize::from(b - b'A')])
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_spelled_as_papers_write_them() {
        assert_eq!(spelled("WHO").as_deref(), Some("डब्ल्यूएचओ"));
        assert_eq!(spelled("BJP").as_deref(), Some("बीजेपी"));
        assert_eq!(spelled("CBI").as_deref(), Some("सीबीआई"));
        assert_eq!(spelled("UN").as_deref(), Some("यूएन"));
        assert_eq!(spelled("FBI").as_deref(), Some("एफबीआई"));
        assert_eq!(spelled("Who"), None);
        assert_eq!(spelled("who"), None);
        assert_eq!(spelled("A"), None);
        assert_eq!(spelled("COVID19"), None);
    }
}
