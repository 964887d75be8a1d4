//! `M` and `D` on a name's page: the reader says two entries are one person (or place, or
//! organisation), or that a form joined to this name is someone else. The rule goes to
//! `aliases.toml` (an effect appends it), and linking applies it the next time the folder
//! is indexed.

use crate::library::aliases::Rule;
use crate::tui::app::App;
use crate::tui::components::status::SearchScope;
use crate::tui::effect::Effect;
use crate::tui::page::Page;

/// Which rule a typed name makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Say {
    /// The page's name and the typed one are one.
    Same,
    /// The typed form is not the page's name.
    Different,
}

/// `M` / `D`: asks for the other name, on a name's page only.
pub(in crate::tui) fn start(app: &mut App, say: Say) {
    if !matches!(app.pages.page, Some(Page::Entity(_))) {
        app.status.message = Some(
            "M and D work on a name's page: they merge it with another or split a form off".into(),
        );
        return;
    }
    if app.aliases_path.is_none() {
        app.status.message =
            Some("no config folder here to keep aliases.toml in (set XDG_CONFIG_HOME)".into());
        return;
    }
    app.status.search_scope = match say {
        Say::Same => SearchScope::Merge,
        Say::Different => SearchScope::Apart,
    };
    app.status.search = Some(String::new());
}

/// The typed name: checked against the folder, and the rule handed to the effects thread
/// to append.
pub(in crate::tui) fn submit(app: &mut App, typed: &str, say: Say) {
    let typed = typed.trim();
    let (Some(folder), Some(Page::Entity(page)), Some(path)) =
        (&app.folder, &app.pages.page, app.aliases_path.clone())
    else {
        return;
    };
    let Some(this) = folder.library.entity(page.entity) else {
        return;
    };
    if typed.is_empty() {
        return;
    }
    let rule = match say {
        Say::Same => {
            let Some(other) = folder
                .library
                .find(typed, this.kind)
                .and_then(|id| folder.library.entity(id))
            else {
                app.status.message = Some(format!(
                    "no {} “{typed}” in this folder (p lists every name)",
                    kind_word(this.kind)
                ));
                return;
            };
            if other.name == this.name {
                app.status.message = Some(format!("“{typed}” is already {}", this.name));
                return;
            }
            // The shorter name joins the longer: a short form is said to be a full name.
            let (name, is) = if other.name.chars().count() < this.name.chars().count() {
                (other.name.clone(), this.name.clone())
            } else {
                (this.name.clone(), other.name.clone())
            };
            Rule::Same { name, is }
        }
        Say::Different => {
            let folded = crate::library::aliases::folded(typed);
            let known = this
                .aliases
                .iter()
                .any(|a| crate::library::aliases::folded(a) == folded)
                || folder.library.find(typed, this.kind).is_some();
            if !known {
                app.status.message = Some(format!(
                    "“{typed}” is not a form of {} nor a name of this folder",
                    this.name
                ));
                return;
            }
            Rule::Different {
                name: typed.to_string(),
                is_not: this.name.clone(),
            }
        }
    };
    app.effects.push(Effect::WriteAlias { path, rule });
}

fn kind_word(kind: crate::extract::Kind) -> &'static str {
    match kind {
        crate::extract::Kind::Person => "person",
        crate::extract::Kind::Place => "place",
        crate::extract::Kind::Organization => "organisation",
    }
}

/// What the effects thread says once it has appended a rule (or could not).
pub fn written(path: &std::path::Path, rule: &Rule, result: std::io::Result<()>) -> String {
    let shown = crate::article::clean::display_path(path);
    match result {
        Ok(()) => {
            let said = match rule {
                Rule::Same { name, is } => format!("“{name}” is “{is}”"),
                Rule::Different { name, is_not } => format!("“{name}” is not “{is_not}”"),
            };
            format!(
                "{said}: written to {shown}; applied when the folder is next indexed (at the \
                 next start, or when a file in it changes)"
            )
        }
        Err(e) => format!("cannot write {shown}: {e}; nothing was changed"),
    }
}
