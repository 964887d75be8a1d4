//! `x`: the article or the name's page shown, written as Markdown to a new file under
//! `$XDG_DATA_HOME/khabar/exports/` (usually `~/.local/share/khabar/exports/`), named after
//! its title in Latin letters. An existing file is never overwritten: the name takes `-2`,
//! `-3`… instead. The Markdown itself comes from [`crate::export`]; this decides what to
//! export, and the effects thread writes it ([`Export`]).

use std::collections::HashMap;
use std::sync::Arc;

use crate::export::{ArticleExport, article_markdown};
use crate::library::{ArticleId, EntityId};

use super::app::App;
use super::effect::{Effect, Export};
use super::page::Page;

/// Asks for what the reader pane shows to be written; the status line says where.
pub(super) fn export(app: &mut App) {
    let made = match &app.pages.page {
        Some(Page::Entity(p)) => entity(app, p.entity),
        Some(_) => Err("x saves an article or a name's page; this page has no export".into()),
        None => article(app),
    };
    match made {
        Ok(export) => app.effects.push(Effect::Export(export)),
        Err(e) => app.status.message = Some(e),
    }
}

/// The open article as Markdown, with the names and dates found in it.
fn article(app: &App) -> Result<Export, String> {
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
    Ok(Export::Markdown {
        title: a.title.clone(),
        markdown: article_markdown(&export),
    })
}

/// A name's page, to be written quoting its articles read again from their files.
fn entity(app: &App, entity: EntityId) -> Result<Export, String> {
    let folder = app
        .folder
        .as_ref()
        .ok_or("still indexing the folder; try again in a moment")?;
    let e = folder
        .library
        .entity(entity)
        .ok_or("this name is no longer in the folder")?;
    let stubs: HashMap<ArticleId, crate::article::Listed> = e
        .occurrences
        .iter()
        .filter_map(|o| {
            let stub = app.articles.get(folder.article_id(o.article)?)?;
            Some((o.article, stub.clone()))
        })
        .collect();
    Ok(Export::EntityPage {
        library: Arc::clone(&folder.library),
        entity,
        stubs,
    })
}
