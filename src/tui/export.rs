//! `x`: the article or the name's page shown, written as Markdown to a new file under
//! `$XDG_DATA_HOME/khabar/exports/` (usually `~/.local/share/khabar/exports/`), named after
//! its title in Latin letters. An existing file is never overwritten: the name takes `-2`,
//! `-3`… instead. The Markdown itself comes from [`crate::export`].

use std::path::PathBuf;

use crate::article::clean::display_path;
use crate::article::read_again;
use crate::export::files::{slug, write_new};
use crate::export::{ArticleExport, EntityPage, PageLimits, article_markdown, entity_markdown};

use super::app::App;
use super::page::Page;

/// Writes what the reader pane shows and says where in the status line.
pub(super) fn export(app: &mut App) {
    let made = match &app.page {
        Some(Page::Entity(p)) => entity(app, p.entity),
        Some(_) => Err("x saves an article or a name's page; this page has no export".into()),
        None => article(app),
    };
    app.message = Some(
        match made.and_then(|(name, text)| save(app, &name, &text)) {
            Ok(path) => format!("saved {}", display_path(&path)),
            Err(e) => e,
        },
    );
}

fn save(app: &App, name: &str, text: &str) -> Result<PathBuf, String> {
    let dir = app
        .export_dir
        .as_deref()
        .ok_or("nowhere to save: no data folder (set XDG_DATA_HOME)")?;
    write_new(dir, &slug(name), text)
        .map_err(|e| format!("cannot save in {}: {e}", display_path(dir)))
}

/// The open article as Markdown, with the names and dates found in it.
fn article(app: &App) -> Result<(String, String), String> {
    let reader = app
        .reader
        .as_ref()
        .ok_or("open an article (Enter) or a name's page, then press x to save it")?;
    let a = &reader.text;
    let export = ArticleExport {
        title: &a.title,
        path: app
            .articles
            .get(reader.article)
            .map_or_else(|| a.key(), |stub| stub.key()),
        dateline: a.dateline.as_ref(),
        date: a.date,
        source: a.source.as_deref(),
        url: a.url.as_deref(),
        paragraphs: &a.paragraphs,
        entities: &reader.entities,
        timeline: &reader.timeline,
    };
    Ok((a.title.clone(), article_markdown(&export)))
}

/// A name's page as Markdown, quoting its articles read again from their files.
fn entity(app: &App, entity: usize) -> Result<(String, String), String> {
    let folder = app
        .folder
        .as_ref()
        .ok_or("still indexing the folder; try again in a moment")?;
    let articles = &app.articles;
    let body_of = |i: usize| {
        let stub = articles.get(folder.article_id(i)?)?;
        read_again(stub).ok().map(|a| a.body())
    };
    let page = EntityPage::from_library(&folder.library, entity, body_of, PageLimits::default())
        .ok_or("this name is no longer in the folder")?;
    Ok((page.name.to_string(), entity_markdown(&page)))
}
