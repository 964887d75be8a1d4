//! The sections of `khabar man` beyond its options: KEYS (drawn from the same key table as
//! the keys and the `?` help, so the three never disagree), FILES and ENVIRONMENT, as roff.

use super::keymap::{DEFAULT_BINDINGS, KeyMode, help_rows};

/// The KEYS, FILES and ENVIRONMENT sections, in roff.
pub fn sections() -> String {
    let mut out = String::new();
    out.push_str(".SH KEYS\n");
    out.push_str(
        "In the reader (the defaults; the config file's [keys] tables change them, and ? shows \
         the keys in force).\n",
    );
    for (mode, heading) in KeyMode::SECTIONS {
        if !heading.is_empty() {
            out.push_str(&format!(".SS {}\n", escape(&capitalised(heading))));
        }
        for (keys, help) in help_rows(DEFAULT_BINDINGS, mode) {
            out.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                escape(&keys),
                escape(help)
            ));
        }
    }
    out.push_str(FILES_AND_ENVIRONMENT);
    out
}

const FILES_AND_ENVIRONMENT: &str = r".SH FILES
.TP
\fI$XDG_CONFIG_HOME/khabar/config.toml\fR
Keys, theme and layout (\fBkhabar\fR writes none of it; a damaged file is reported and the defaults used).
.TP
\fI$XDG_STATE_HOME/khabar/state.json\fR
Read marks and where each article was left; one that cannot be read is set aside, never overwritten.
.TP
\fI$XDG_CACHE_HOME/khabar/\fR
One folder per folder read: what extraction found in each file and the full-text index. It can be deleted at any time; a damaged one is set aside and rebuilt.
.TP
\fI$XDG_DATA_HOME/khabar/exports/\fR
What \fBx\fR saves, as Markdown; an existing file is never replaced.
.SH ENVIRONMENT
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_STATE_HOME\fR, \fBXDG_CACHE_HOME\fR, \fBXDG_DATA_HOME\fR
Where the files above go (by default ~/.config, ~/.local/state, ~/.cache and ~/.local/share).
.TP
\fBBROWSER\fR
The browser \fBO\fR opens an article's web address with (the first of a list separated by colons); without it, \fBxdg-open\fR.
.TP
\fBNO_COLOR\fR
When set and not empty, the reader draws without colour.
";

/// A heading with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Text safe in roff: backslashes doubled, and a line never starting with a control
/// character.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Command;

    #[test]
    fn the_keys_section_lists_every_command_of_the_key_table() {
        let page = sections();
        for mode in KeyMode::SECTIONS.map(|(m, _)| m) {
            for b in DEFAULT_BINDINGS.iter().filter(|b| b.mode == mode) {
                assert!(page.contains(&escape(b.command.help())), "{:?}", b.command);
            }
        }
        assert!(page.contains(&escape(Command::OpenUrl.help())));
        for section in [".SH KEYS", ".SH FILES", ".SH ENVIRONMENT"] {
            assert!(page.contains(section), "{section}");
        }
    }

    #[test]
    fn roff_control_characters_are_escaped() {
        assert_eq!(escape(".hidden"), "\\&.hidden");
        assert_eq!(escape("a\\b-c"), "a\\eb\\-c");
    }
}
