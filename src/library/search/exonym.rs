//! Countries a Latin query names in English that Hindi calls by names of their own, which no
//! spelling pattern reaches: `egypt` is मिस्र, `sri lanka` is श्रीलंका (one word in Hindi).
//! From `assets/gazetteers/countries_en.tsv`.

use std::collections::HashMap;
use std::sync::LazyLock;

static TABLE: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../../../assets/gazetteers/countries_en.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect()
});

/// The longest English name of two or three words the query has, replaced by its Hindi
/// name (`sri lanka cricket` → `श्रीलंका cricket`); the query as it is when it has none.
pub fn rewrite(query: &str) -> String {
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    'words: while i < words.len() {
        for n in [3, 2] {
            if let Some(phrase) = words.get(i..i + n) {
                let key = phrase.join(" ").to_ascii_lowercase();
                if let Some(hindi) = TABLE.get(key.as_str()) {
                    out.push((*hindi).to_string());
                    i += n;
                    continue 'words;
                }
            }
        }
        out.push(words[i].to_string());
        i += 1;
    }
    out.join(" ")
}

/// The Hindi name of a one-word English country name (`egypt` मिस्र), when Hindi writes it
/// as one word too.
pub fn single(word: &str) -> Option<&'static str> {
    let hindi = TABLE.get(word.to_ascii_lowercase().as_str())?;
    (!hindi.contains(' ')).then_some(*hindi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_names_become_hindi_ones() {
        assert_eq!(single("Egypt"), Some("मिस्र"));
        assert_eq!(single("netherlands"), Some("नीदरलैंड"));
        assert_eq!(single("cricket"), None);
        assert_eq!(rewrite("sri lanka cricket"), "श्रीलंका cricket");
        assert_eq!(rewrite("Sri  Lanka"), "श्रीलंका");
        assert_eq!(rewrite("modi in delhi"), "modi in delhi");
    }
}
