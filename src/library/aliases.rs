//! The reader's own word on who is who: `aliases.toml` in khabar's config folder, where a
//! reader merges two entries the linking kept apart (`मोदी` is `नरेंद्र मोदी`) or keeps
//! apart two it joined (`सईद` is not `हाफिज सईद`). Linking ([`super::link`]) applies it
//! each time it builds the library; the reader's `M` and `D` on a name's page append to it.
//!
//! ```toml
//! [[same]]
//! name = "मोदी"
//! is = "नरेंद्र मोदी"
//!
//! [[different]]
//! name = "सईद"
//! is_not = "हाफिज सईद"
//! ```
//!
//! Arrays of tables, so that a rule is appended without reading the file as TOML and
//! without touching what the reader wrote by hand. Names are matched as linking matches
//! them (folded: ज़/ज, ँ/ं, मुम्बई/मुंबई).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::text::fold::name_fold;

/// The file's name, in the folder of the config file.
pub const FILE_NAME: &str = "aliases.toml";

/// The rules of an aliases file, names folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AliasRules {
    /// `(name, is)`: the first is the second.
    pub same: Vec<(String, String)>,
    /// `(name, is_not)`: never joined, either way round.
    pub different: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    same: Vec<RawSame>,
    #[serde(default)]
    different: Vec<RawDifferent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSame {
    name: String,
    is: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDifferent {
    name: String,
    is_not: String,
}

/// A name as rules compare it: [`name_fold`], words separated by one space.
pub fn folded(name: &str) -> String {
    name_fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl AliasRules {
    pub fn is_empty(&self) -> bool {
        self.same.is_empty() && self.different.is_empty()
    }

    /// Reads the rules of the file's text; `Err` says where it is wrong.
    pub fn parse(text: &str) -> Result<AliasRules, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let line = text[..s.start].matches('\n').count() + 1;
                    let column = text[..s.start]
                        .rsplit('\n')
                        .next()
                        .map_or(0, |l| l.chars().count())
                        + 1;
                    format!("{line}:{column}: ")
                })
                .unwrap_or_default();
            format!("{at}{}", e.message())
        })?;
        let pair = |a: &str, b: &str| {
            let (a, b) = (folded(a), folded(b));
            (!a.is_empty() && !b.is_empty() && a != b).then_some((a, b))
        };
        Ok(AliasRules {
            same: raw
                .same
                .iter()
                .filter_map(|r| pair(&r.name, &r.is))
                .collect(),
            different: raw
                .different
                .iter()
                .filter_map(|r| pair(&r.name, &r.is_not))
                .collect(),
        })
    }

    /// Reads `path`: no file is no rules; a file that cannot be read or parsed gives no
    /// rules and a message naming it (the folder is linked as if it were not there).
    pub fn load(path: &Path) -> (AliasRules, Option<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => match AliasRules::parse(&text) {
                Ok(rules) => (rules, None),
                Err(e) => (
                    AliasRules::default(),
                    Some(format!(
                        "{}:{e}; its merges and splits are not applied",
                        path.display()
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (AliasRules::default(), None),
            Err(e) => (
                AliasRules::default(),
                Some(format!("cannot read {}: {e}", path.display())),
            ),
        }
    }
}

/// The aliases file beside a config file (`--config`'s, else the default one's).
pub fn path_beside(config: Option<&Path>) -> Option<PathBuf> {
    Some(config?.parent()?.join(FILE_NAME))
}

/// A rule to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Same { name: String, is: String },
    Different { name: String, is_not: String },
}

/// Appends `rule` to the file at `path` (made, with its folder, when missing), leaving what
/// is there as it is: a new `[[same]]` or `[[different]]` table at the end.
pub fn append(path: &Path, rule: &Rule) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let existed = path.exists();
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let mut text = String::new();
    if !existed {
        text.push_str(
            "# khabar's aliases: [[same]] joins a name to another, [[different]] keeps two \
             apart.\n# Applied each time khabar indexes a folder. M and D on a name's page add \
             to it.\n",
        );
    } else {
        // The file may not end in a newline.
        text.push('\n');
    }
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    match rule {
        Rule::Same { name, is } => text.push_str(&format!(
            "[[same]]\nname = {}\nis = {}\n",
            quoted(name),
            quoted(is)
        )),
        Rule::Different { name, is_not } => text.push_str(&format!(
            "[[different]]\nname = {}\nis_not = {}\n",
            quoted(name),
            quoted(is_not)
        )),
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_read_folded_and_appended_without_touching_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("khabar").join(FILE_NAME);
        assert_eq!(AliasRules::load(&path), (AliasRules::default(), None));
        append(
            &path,
            &Rule::Same {
                name: "मोदी".into(),
                is: "नरेंद्र  मोदी".into(),
            },
        )
        .expect("append");
        // A hand-written comment without a final newline stays.
        let mut text = std::fs::read_to_string(&path).expect("read");
        text.push_str("# mine");
        std::fs::write(&path, &text).expect("write");
        append(
            &path,
            &Rule::Different {
                name: "सईद \"x\"".into(),
                is_not: "हाफिज सईद".into(),
            },
        )
        .expect("append");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("# mine\n[[different]]"), "{text}");
        let (rules, problem) = AliasRules::load(&path);
        assert_eq!(problem, None);
        assert_eq!(rules.same, [("मोदी".to_string(), "नरेंद्र मोदी".to_string())]);
        assert_eq!(
            rules.different,
            [("सईद \"x\"".to_string(), "हाफिज सईद".to_string())]
        );
    }

    #[test]
    fn a_damaged_file_gives_no_rules_and_says_where() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[[same]]\nname = \"मोदी\"\nis = \n").expect("write");
        let (rules, problem) = AliasRules::load(&path);
        assert!(rules.is_empty());
        let problem = problem.expect("a problem");
        assert!(problem.contains("aliases.toml:3:"), "{problem}");
        std::fs::write(&path, "[[same]]\nname = \"a\"\nwho = \"b\"\n").expect("write");
        assert!(AliasRules::load(&path).1.is_some());
        // A rule joining a name to itself is no rule.
        assert_eq!(
            AliasRules::parse("[[same]]\nname = \"मोदी\"\nis = \"मोदी\"\n"),
            Ok(AliasRules::default())
        );
    }
}
