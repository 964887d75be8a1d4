//! The `[theme]` section: a dark or light palette, per-role colour overrides, and no colour at
//! all when `NO_COLOR` is set. The reader draws with [`Theme`]'s styles instead of constants.
//!
//! ```toml
//! [theme]
//! name = "light"
//! person = "#1f6feb"             # a text role: the colour is the foreground
//! selection = "white on blue"    # any role: "FG on BG"
//! highlight = "on lightyellow"   # a block role: a lone colour is the background
//! ```

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::extract::Kind;

/// Dark or light terminal background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

impl ThemeName {
    pub fn parse(name: &str) -> Option<ThemeName> {
        match name.to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            _ => None,
        }
    }
}

/// A part of the screen the theme colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Names of people in the text and the sidebar.
    Person,
    Place,
    Organisation,
    /// The dated expression selected in the timeline, marked in the text.
    Highlight,
    /// Search matches in the text, and the current one.
    SearchMatch,
    CurrentMatch,
    /// The selected row of the focused pane, and of a pane without the focus.
    Selection,
    SelectionInactive,
    /// The focused pane's border and title.
    Border,
    /// Prompts, headings and unread marks.
    Accent,
    /// Secondary text: dates, counts, hints, unfocused borders.
    Muted,
    /// The one-line message in the status line.
    Message,
    /// An article's title in the reader.
    Title,
}

impl Role {
    /// Every role, in the order the config file lists them.
    pub const ALL: [Role; 13] = [
        Role::Person,
        Role::Place,
        Role::Organisation,
        Role::Highlight,
        Role::SearchMatch,
        Role::CurrentMatch,
        Role::Selection,
        Role::SelectionInactive,
        Role::Border,
        Role::Accent,
        Role::Muted,
        Role::Message,
        Role::Title,
    ];

    /// The role's key in `[theme]`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Person => "person",
            Role::Place => "place",
            Role::Organisation => "organisation",
            Role::Highlight => "highlight",
            Role::SearchMatch => "search_match",
            Role::CurrentMatch => "current_match",
            Role::Selection => "selection",
            Role::SelectionInactive => "selection_inactive",
            Role::Border => "border",
            Role::Accent => "accent",
            Role::Muted => "muted",
            Role::Message => "message",
            Role::Title => "title",
        }
    }

    /// Reads a role's key; `organization` is accepted too.
    pub fn parse(name: &str) -> Option<Role> {
        if name == "organization" {
            return Some(Role::Organisation);
        }
        Role::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Whether a lone colour sets this role's background (a marked block) rather than its
    /// foreground (tinted text).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Role::Highlight
                | Role::SearchMatch
                | Role::CurrentMatch
                | Role::Selection
                | Role::SelectionInactive
        )
    }
}

/// A colour override as written: `"red"`, `"#ff8800"`, `"black on yellow"`, `"on blue"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColorSpec {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
}

/// Why a colour could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown colour \"{0}\": write a name (black, red, green, yellow, blue, magenta, cyan, gray, \
     darkgray, white, lightred … lightcyan, default), #rrggbb, or a palette number 0-255; \
     \"FG on BG\" sets both"
)]
pub struct ColorError(pub String);

fn parse_color(text: &str) -> Result<Color, ColorError> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("default") || t.eq_ignore_ascii_case("none") {
        return Ok(Color::Reset);
    }
    if t.starts_with('#') && (t.len() != 7 || !t[1..].chars().all(|c| c.is_ascii_hexdigit())) {
        return Err(ColorError(text.to_string()));
    }
    Color::from_str(t).map_err(|_| ColorError(text.to_string()))
}

impl ColorSpec {
    /// Reads an override for `role`: a lone colour is its background for a block role (see
    /// [`Role::is_block`]), else its foreground.
    pub fn parse(text: &str, role: Role) -> Result<ColorSpec, ColorError> {
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        if let Some(bg) = lower.strip_prefix("on ") {
            return Ok(ColorSpec {
                fg: None,
                bg: Some(parse_color(bg)?),
            });
        }
        if let Some(at) = lower.find(" on ") {
            return Ok(ColorSpec {
                fg: Some(parse_color(&t[..at])?),
                bg: Some(parse_color(&t[at + 4..])?),
            });
        }
        let color = parse_color(t)?;
        Ok(if role.is_block() {
            ColorSpec {
                fg: None,
                bg: Some(color),
            }
        } else {
            ColorSpec {
                fg: Some(color),
                bg: None,
            }
        })
    }

    fn patch(self, style: Style) -> Style {
        let style = match self.fg {
            Some(fg) => style.fg(fg),
            None => style,
        };
        match self.bg {
            Some(bg) => style.bg(bg),
            None => style,
        }
    }
}

/// What `[theme]` asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThemeConfig {
    pub name: ThemeName,
    pub overrides: Vec<(Role, ColorSpec)>,
}

impl ThemeConfig {
    /// The styles to draw with: the named palette with the overrides on top, or
    /// [`Theme::plain`] (no colour, overrides ignored) when `no_color` is set.
    pub fn resolve(&self, no_color: bool) -> Theme {
        if no_color {
            return Theme::plain();
        }
        let mut theme = match self.name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        };
        for &(role, spec) in &self.overrides {
            let style = spec.patch(theme.style(role));
            theme.set(role, style);
        }
        theme
    }
}

/// Whether the `NO_COLOR` convention (<https://no-color.org>) asks for no colour: the
/// variable is set and not empty.
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The reader's styles, one per [`Role`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub person: Style,
    pub place: Style,
    pub organisation: Style,
    pub highlight: Style,
    pub search_match: Style,
    pub current_match: Style,
    pub selection: Style,
    pub selection_inactive: Style,
    pub border: Style,
    pub accent: Style,
    pub muted: Style,
    pub message: Style,
    pub title: Style,
    /// Whether styles carry colours; without them, a selected mention is reversed.
    pub colored: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}

impl Theme {
    /// For a dark background: the colours the reader has always used.
    pub fn dark() -> Theme {
        let accent = Color::Cyan;
        Theme {
            person: Style::new().fg(Color::Cyan),
            place: Style::new().fg(Color::Green),
            organisation: Style::new().fg(Color::Magenta),
            highlight: Style::new()
                .bg(Color::LightBlue)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            search_match: Style::new().bg(Color::Yellow).fg(Color::Black),
            current_match: Style::new()
                .bg(Color::LightMagenta)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            selection: Style::new().bg(accent).fg(Color::Black),
            selection_inactive: Style::new().bg(Color::DarkGray).fg(Color::White),
            border: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(accent),
            muted: Style::new().fg(Color::DarkGray),
            message: Style::new().fg(Color::Yellow),
            title: Style::new().add_modifier(Modifier::BOLD),
            colored: true,
        }
    }

    /// For a light background: darker tints, no yellow or cyan text.
    pub fn light() -> Theme {
        let accent = Color::Blue;
        Theme {
            person: Style::new().fg(Color::Blue),
            place: Style::new().fg(Color::Green),
            organisation: Style::new().fg(Color::Magenta),
            highlight: Style::new()
                .bg(Color::LightCyan)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            search_match: Style::new().bg(Color::LightYellow).fg(Color::Black),
            current_match: Style::new()
                .bg(Color::LightMagenta)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            selection: Style::new().bg(accent).fg(Color::White),
            selection_inactive: Style::new().bg(Color::Gray).fg(Color::Black),
            border: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(accent),
            muted: Style::new().fg(Color::DarkGray),
            message: Style::new().fg(Color::Red),
            title: Style::new().add_modifier(Modifier::BOLD),
            colored: true,
        }
    }

    /// Without colour (`NO_COLOR`): bold, underline, reverse and dim only.
    pub fn plain() -> Theme {
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            person: Style::new().add_modifier(Modifier::UNDERLINED),
            place: Style::new().add_modifier(Modifier::UNDERLINED),
            organisation: Style::new().add_modifier(Modifier::UNDERLINED),
            highlight: reversed,
            search_match: reversed,
            current_match: reversed.add_modifier(Modifier::BOLD),
            selection: reversed,
            selection_inactive: Style::new().add_modifier(Modifier::UNDERLINED),
            border: Style::new().add_modifier(Modifier::BOLD),
            accent: Style::new().add_modifier(Modifier::BOLD),
            muted: Style::new().add_modifier(Modifier::DIM),
            message: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            colored: false,
        }
    }

    /// A role's style.
    pub fn style(&self, role: Role) -> Style {
        match role {
            Role::Person => self.person,
            Role::Place => self.place,
            Role::Organisation => self.organisation,
            Role::Highlight => self.highlight,
            Role::SearchMatch => self.search_match,
            Role::CurrentMatch => self.current_match,
            Role::Selection => self.selection,
            Role::SelectionInactive => self.selection_inactive,
            Role::Border => self.border,
            Role::Accent => self.accent,
            Role::Muted => self.muted,
            Role::Message => self.message,
            Role::Title => self.title,
        }
    }

    fn set(&mut self, role: Role, style: Style) {
        let slot = match role {
            Role::Person => &mut self.person,
            Role::Place => &mut self.place,
            Role::Organisation => &mut self.organisation,
            Role::Highlight => &mut self.highlight,
            Role::SearchMatch => &mut self.search_match,
            Role::CurrentMatch => &mut self.current_match,
            Role::Selection => &mut self.selection,
            Role::SelectionInactive => &mut self.selection_inactive,
            Role::Border => &mut self.border,
            Role::Accent => &mut self.accent,
            Role::Muted => &mut self.muted,
            Role::Message => &mut self.message,
            Role::Title => &mut self.title,
        };
        *slot = style;
    }

    /// How a kind's names are tinted in the text and the sidebar.
    pub fn kind(&self, kind: Kind) -> Style {
        match kind {
            Kind::Person => self.person,
            Kind::Place => self.place,
            Kind::Organization => self.organisation,
        }
    }

    /// The selected name's mentions: the kind's tint as the background.
    pub fn kind_selected(&self, kind: Kind) -> Style {
        let tint = self.kind(kind);
        match (self.colored, tint.fg) {
            (true, Some(color)) => Style::new().bg(color).fg(Color::Black),
            _ => tint.add_modifier(Modifier::REVERSED),
        }
    }

    /// The selected name's current mention: as [`Theme::kind_selected`], bold and underlined.
    pub fn kind_current(&self, kind: Kind) -> Style {
        self.kind_selected(kind)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A list row: marked when selected, brighter when its pane has the focus.
    pub fn row(&self, selected: bool, focused: bool) -> Style {
        match (selected, focused) {
            (true, true) => self.selection,
            (true, false) => self.selection_inactive,
            _ => Style::new(),
        }
    }

    /// A pane's border and title.
    pub fn pane_border(&self, focused: bool) -> Style {
        if focused { self.border } else { self.muted }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_is_what_the_reader_draws_today() {
        let t = Theme::dark();
        assert_eq!(t.kind(Kind::Person), Style::new().fg(Color::Cyan));
        assert_eq!(
            t.kind_selected(Kind::Place),
            Style::new().bg(Color::Green).fg(Color::Black)
        );
        assert_eq!(t.row(true, false).bg, Some(Color::DarkGray));
        assert_eq!(t.pane_border(false), Style::new().fg(Color::DarkGray));
        assert_eq!(
            t.search_match,
            Style::new().bg(Color::Yellow).fg(Color::Black)
        );
    }

    #[test]
    fn colours_read_as_names_hex_numbers_and_pairs() {
        let fg = |c| ColorSpec {
            fg: Some(c),
            bg: None,
        };
        assert_eq!(ColorSpec::parse("red", Role::Person), Ok(fg(Color::Red)));
        assert_eq!(
            ColorSpec::parse("Light Blue", Role::Person),
            Ok(fg(Color::LightBlue))
        );
        assert_eq!(
            ColorSpec::parse("#1f6feb", Role::Accent),
            Ok(fg(Color::Rgb(0x1f, 0x6f, 0xeb)))
        );
        assert_eq!(
            ColorSpec::parse("208", Role::Accent),
            Ok(fg(Color::Indexed(208)))
        );
        assert_eq!(
            ColorSpec::parse("yellow", Role::Selection),
            Ok(ColorSpec {
                fg: None,
                bg: Some(Color::Yellow)
            })
        );
        assert_eq!(
            ColorSpec::parse("black on #ffee00", Role::Person),
            Ok(ColorSpec {
                fg: Some(Color::Black),
                bg: Some(Color::Rgb(0xff, 0xee, 0x00))
            })
        );
        assert!(ColorSpec::parse("#12345", Role::Person).is_err());
        assert!(ColorSpec::parse("#gggggg", Role::Person).is_err());
        assert!(ColorSpec::parse("purpleish", Role::Person).is_err());
    }

    #[test]
    fn overrides_patch_the_named_palette_and_no_color_drops_them() {
        let config = ThemeConfig {
            name: ThemeName::Light,
            overrides: vec![
                (Role::Person, ColorSpec::parse("red", Role::Person).unwrap()),
                (
                    Role::Selection,
                    ColorSpec::parse("yellow", Role::Selection).unwrap(),
                ),
            ],
        };
        let theme = config.resolve(false);
        assert_eq!(theme.person, Style::new().fg(Color::Red));
        // The light selection's white text stays; only its background changes.
        assert_eq!(
            theme.selection,
            Style::new().bg(Color::Yellow).fg(Color::White)
        );
        assert_eq!(theme.accent, Theme::light().accent);

        let plain = config.resolve(true);
        assert_eq!(plain, Theme::plain());
        for role in Role::ALL {
            let s = plain.style(role);
            assert!(s.fg.is_none() && s.bg.is_none(), "{role:?}");
        }
        assert!(
            plain
                .kind_selected(Kind::Person)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn role_names_read_back() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.name()), Some(role));
        }
        assert_eq!(Role::parse("organization"), Some(Role::Organisation));
    }
}
