//! Character classes asked of nearly every character of an article, answered for ASCII and
//! the Devanagari block without the standard library's table search (which is slow for
//! anything outside ASCII), and exactly as [`char::is_alphanumeric`] answers.

/// Bit `i` of this pair is set when U+0900 + `i` is alphanumeric: every letter, sign and
/// digit of the block except the nukta (U+093C), the virama (U+094D), the accents U+0951..
/// U+0954, the dandas and the abbreviation sign.
const DEVANAGARI_ALNUM: [u64; 2] = [0xefff_ffff_ffff_ffff, 0xfffe_ffcf_ffe1_dfff];

/// [`char::is_alphanumeric`], quick for ASCII and Devanagari.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{900}'..='\u{97f}' => {
            let i = c as u32 - 0x900;
            DEVANAGARI_ALNUM[(i / 64) as usize] & (1 << (i % 64)) != 0
        }
        c => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_the_standard_library_does() {
        let ranges = [0..0x3000u32, 0xa8e0..0xa900, 0x1_1000..0x1_1100];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
