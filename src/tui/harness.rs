//! The reader without a terminal, for tests and benchmarks: a folder loaded and indexed as
//! the reader's threads would, keys pressed through the key table into `update`, effects
//! done in line, screens drawn into ratatui's `TestBackend`. Nothing here runs in the
//! reader itself.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use crate::article::{FileOutcome, ScanOptions};
use crate::extract::Extractor;
use crate::library::Library;
use crate::library::cache::Cache;
use crate::library::refresh::{Progress, RefreshOptions, open_cache, refresh_in, search_dir};
use crate::library::search::SearchIndex;
use crate::state::ReadingState;

use super::action::Action;
use super::app::App;
use super::effect::{Services, perform};
use super::event::AppEvent;
use super::input::to_actions;
use super::page::Folder;
use super::update::{settle, update};
use super::view::render;

/// Box-drawing characters, and the vertical ones.
const BOX: &str = "│┃║┌┐└┘├┤┬┴┼╭╮╰╯═─━╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋";
const VERT: &str = "│┃║";

/// A reader open on a folder, everything loaded and indexed, effects done in line.
pub struct Driven {
    pub(crate) app: App,
    pub(crate) services: Services,
    size: (u16, u16),
    /// How long each effect [`Driven::press_timed`] did took (the effects thread's side).
    effects_took: Vec<Duration>,
    /// The folder's cache, held open and lent to the effects as the library thread does.
    cache: Option<Cache>,
    /// The folder's search index, made beside the cache as the library thread makes it.
    search: Option<Mutex<SearchIndex>>,
}

impl Driven {
    /// Opens `path` at `cols`×`rows` as the reader does: scan, model, library.
    pub fn open(path: &Path, (cols, rows): (u16, u16)) -> Result<Driven, String> {
        Driven::open_with(path, (cols, rows), Services::default())
    }

    /// [`Driven::open`] with the folder's cache in `cache_dir` (made, or reused when warm),
    /// as the reader keeps it.
    pub fn open_cached(path: &Path, size: (u16, u16), cache_dir: &Path) -> Result<Driven, String> {
        Driven::open_in(path, size, Services::default(), Some(cache_dir), |_| {})
    }

    pub(crate) fn open_with(
        path: &Path,
        size: (u16, u16),
        services: Services,
    ) -> Result<Driven, String> {
        Driven::open_in(path, size, services, None, |_| {})
    }

    /// [`Driven::open_with`] with the app set up first as the config file would
    /// (`reopen_last`, say).
    #[cfg(test)]
    pub(crate) fn open_configured(
        path: &Path,
        size: (u16, u16),
        services: Services,
        configure: fn(&mut App),
    ) -> Result<Driven, String> {
        Driven::open_in(path, size, services, None, configure)
    }

    fn open_in(
        path: &Path,
        (cols, rows): (u16, u16),
        services: Services,
        cache_dir: Option<&Path>,
        configure: fn(&mut App),
    ) -> Result<Driven, String> {
        let root = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let reading = match &services.store {
            Some(store) => store.load().0,
            None => ReadingState::default(),
        };
        let mut driven = Driven {
            app: App::new(root.clone(), reading),
            services,
            size: (cols, rows),
            effects_took: Vec::new(),
            cache: None,
            search: None,
        };
        configure(&mut driven.app);
        driven.act(Action::Resize(cols, rows));
        driven.act(Action::ScanStarted);
        let extractor = Extractor::embedded().map_err(|e| e.to_string())?;
        let mut files = Vec::new();
        let options = RefreshOptions {
            cache_dir: cache_dir.map(Path::to_path_buf),
            ref_date: None,
            scan: ScanOptions::new(false),
            ..RefreshOptions::default()
        };
        driven.cache = open_cache(&root, &options, &mut |_| {});
        let cache = driven.cache.as_ref();
        driven.services.cache.lend(cache.and_then(Cache::reader));
        driven.search = cache_dir
            .and_then(|dir| SearchIndex::open_or_create(&search_dir(dir)).ok())
            .map(Mutex::new);
        let search = driven.search.as_ref();
        let (library, _) = refresh_in(&root, Some(&extractor), &options, search, cache, |p| {
            if let Progress::Files(f) = p {
                files.extend(f);
            }
        });
        driven.act(Action::Loaded(files));
        driven.act(Action::LoadingDone);
        driven.act(Action::ModelLoaded(Ok(extractor)));
        driven.act(Action::Indexed(Box::new(Folder::new(library))));
        let searcher = driven
            .search
            .as_ref()
            .map(|index| index.lock().unwrap_or_else(|e| e.into_inner()).searcher());
        if let Some(searcher) = searcher {
            driven.act(Action::SearchReady(searcher));
        }
        Ok(driven)
    }

    pub(crate) fn act(&mut self, action: Action) {
        settle(&mut self.app, &self.services, action);
    }

    /// Presses a key by name (`j`, `G`, `Enter`, `Tab`, `Esc`, `Backspace`, `Space`,
    /// `PageDown`) as the terminal would send it.
    pub fn press(&mut self, key: &str) {
        let event = AppEvent::Terminal(Event::Key(key_event(key)));
        for action in to_actions(&self.app, event) {
            self.act(action);
        }
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(&c.to_string());
        }
    }

    /// The screen as drawn: one string per row, wide clusters once.
    pub fn screen(&self) -> Vec<String> {
        let (cols, rows) = self.size;
        let buf = &self.buffer();
        // As a terminal shows the cells: a cluster takes its width, the cells it covers
        // are not drawn again.
        (0..rows)
            .map(|y| {
                let mut row = String::new();
                let mut x = 0;
                while x < cols {
                    let cell = &buf[(x, y)];
                    if !cell.skip {
                        row.push_str(cell.symbol());
                    }
                    x += (cell.symbol().width() as u16).max(1);
                }
                row
            })
            .collect()
    }

    pub fn text(&self) -> String {
        self.screen().join("\n")
    }

    pub fn shows(&self, text: &str) -> bool {
        self.screen().iter().any(|r| r.contains(text))
    }

    pub fn status(&self) -> String {
        self.screen().last().cloned().unwrap_or_default()
    }

    /// Borders broken by text, and rows wider than the screen: what `tui_check.py` finds.
    pub fn border_problems(&self) -> Vec<String> {
        let (cols, rows) = self.size;
        let buf = &self.buffer();
        let at = |x: u16, y: u16| buf[(x, y)].symbol().chars().next();
        let is_box = |c: Option<char>| c.is_some_and(|c| BOX.contains(c));
        let is_vert = |c: Option<char>| c.is_some_and(|c| VERT.contains(c));
        let mut problems = Vec::new();
        for x in 0..cols {
            let hits: Vec<u16> = (0..rows).filter(|&y| is_vert(at(x, y))).collect();
            if hits.len() < 3 {
                continue;
            }
            let corner = |y: u16| is_box(at(x, y)) && !is_vert(at(x, y));
            let top = (0..=hits[0]).rev().find(|&y| corner(y)).unwrap_or(hits[0]);
            let last = hits[hits.len() - 1];
            let bottom = (last..rows).find(|&y| corner(y)).unwrap_or(last);
            for y in top..=bottom {
                if !is_box(at(x, y)) {
                    problems.push(format!("row {y} col {x}: border replaced"));
                }
            }
        }
        for (y, row) in self.screen().iter().enumerate() {
            if row.width() > cols as usize {
                problems.push(format!("row {y} is {} columns wide", row.width()));
            }
        }
        problems
    }

    /// A reader of `root` with nothing loaded yet (for benchmarks that deliver the
    /// background's events themselves).
    pub fn empty(root: &Path, size: (u16, u16)) -> Driven {
        let mut driven = Driven {
            app: App::new(root.to_path_buf(), ReadingState::default()),
            services: Services::default(),
            size,
            effects_took: Vec::new(),
            cache: None,
            search: None,
        };
        driven.act(Action::Resize(size.0, size.1));
        driven
    }

    /// The background's events, as the reader's threads send them; each returns the time
    /// the UI thread spent on it and the frame after it (see [`Driven::press_timed`]).
    pub fn scan_started(&mut self) -> Duration {
        self.frame(Action::ScanStarted)
    }

    pub fn loaded(&mut self, files: Vec<FileOutcome>) -> Duration {
        self.frame(Action::Loaded(files))
    }

    pub fn loading_done(&mut self) -> Duration {
        self.frame(Action::LoadingDone)
    }

    pub fn indexing(&mut self, done: usize, total: usize) -> Duration {
        self.frame(Action::Indexing { done, total })
    }

    pub fn model_loaded(&mut self, extractor: Extractor) -> Duration {
        self.frame(Action::ModelLoaded(Ok(extractor)))
    }

    /// The library built: its folder index is made first, untimed, as the library thread
    /// makes it.
    pub fn indexed(&mut self, library: Library) -> Duration {
        let folder = Box::new(Folder::new(library));
        self.frame(Action::Indexed(folder))
    }

    /// Presses a key and returns the time the UI thread spends on each frame it leads to:
    /// the key's (update and render), then each answer of the effects it asked for (done
    /// here untimed, as the effects thread does them beside the UI thread).
    pub fn press_timed(&mut self, key: &str) -> Vec<Duration> {
        let event = AppEvent::Terminal(Event::Key(key_event(key)));
        let started = Instant::now();
        let actions = to_actions(&self.app, event);
        let mut effects = Vec::new();
        for action in actions {
            effects.extend(update(&mut self.app, action));
        }
        self.draw();
        let mut frames = vec![started.elapsed()];
        while !effects.is_empty() {
            let mut answers: Vec<Action> = Vec::new();
            for effect in effects.drain(..) {
                let started = Instant::now();
                answers.extend(perform(&self.services, effect));
                self.effects_took.push(started.elapsed());
            }
            for answer in answers {
                let started = Instant::now();
                effects.extend(update(&mut self.app, answer));
                self.draw();
                frames.push(started.elapsed());
            }
        }
        frames
    }

    /// How long each effect done by [`Driven::press_timed`] since the last call took, in the
    /// order done (reading an article, say: the effects thread's work, not the UI's).
    pub fn take_effect_times(&mut self) -> Vec<Duration> {
        std::mem::take(&mut self.effects_took)
    }

    /// Applies a background action and draws, timed; its effects are done untimed.
    fn frame(&mut self, action: Action) -> Duration {
        let started = Instant::now();
        let effects = update(&mut self.app, action);
        self.draw();
        let took = started.elapsed();
        for effect in effects {
            if let Some(answer) = perform(&self.services, effect) {
                self.act(answer);
            }
        }
        took
    }

    /// Draws the screen into a test backend of the reader's size.
    fn draw(&self) {
        self.buffer();
    }

    /// The screen's cells as drawn (empty if the test backend could not be made).
    fn buffer(&self) -> ratatui::buffer::Buffer {
        let (cols, rows) = self.size;
        let area = ratatui::layout::Rect::new(0, 0, cols, rows);
        let Ok(mut terminal) = Terminal::new(TestBackend::new(cols, rows)) else {
            return ratatui::buffer::Buffer::empty(area);
        };
        match terminal.draw(|f| render(&self.app, f)) {
            Ok(_) => terminal.backend().buffer().clone(),
            Err(_) => ratatui::buffer::Buffer::empty(area),
        }
    }

    /// Articles listed, and whether one is open (its title).
    pub fn listed(&self) -> usize {
        self.app.order.len()
    }

    pub fn open_title(&self) -> Option<&str> {
        self.app.reader.as_ref().map(|r| r.text.title.as_str())
    }

    /// A reader of `root` that has scanned it once, without the model or the library (the
    /// list and the errors only).
    pub fn scanned(
        root: &Path,
        size: (u16, u16),
        files: Vec<FileOutcome>,
    ) -> Result<Driven, String> {
        let root = std::fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
        let mut driven = Driven {
            app: App::new(root, ReadingState::default()),
            services: Services::default(),
            size,
            effects_took: Vec::new(),
            cache: None,
            search: None,
        };
        driven.act(Action::Resize(size.0, size.1));
        driven.rescan(files);
        Ok(driven)
    }

    /// One scan of the folder, as the library thread reports it.
    pub fn rescan(&mut self, files: Vec<FileOutcome>) {
        self.act(Action::ScanStarted);
        self.act(Action::Loaded(files));
        self.act(Action::LoadingDone);
    }

    /// The titles the list shows, in its order.
    pub fn shown_titles(&self) -> Vec<String> {
        self.app
            .list
            .shown
            .iter()
            .map(|&id| self.app.articles[id].title.to_string())
            .collect()
    }

    /// The titles the list shows, sorted.
    pub fn listed_titles(&self) -> Vec<String> {
        let mut titles: Vec<String> = self
            .app
            .order
            .iter()
            .map(|&id| self.app.articles[id].title.to_string())
            .collect();
        titles.sort();
        titles
    }

    /// What `E` lists: the files that could not be read, as they are shown.
    pub fn errors(&self) -> Vec<String> {
        self.app.errors.iter().map(ToString::to_string).collect()
    }

    pub fn check_borders(&self, step: &str) {
        let problems = self.border_problems();
        assert!(
            problems.is_empty(),
            "after {step}: {problems:?}\n{}",
            self.text()
        );
    }
}

/// A key by name (`j`, `G`, `Enter`, `Tab`, `Esc`, `Backspace`, `Space`, `PageDown`), as
/// the terminal sends it.
fn key_event(key: &str) -> KeyEvent {
    let (code, modifiers) = match key {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "PageDown" => (KeyCode::PageDown, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "Up" => (KeyCode::Up, KeyModifiers::NONE),
        "Home" => (KeyCode::Home, KeyModifiers::NONE),
        "End" => (KeyCode::End, KeyModifiers::NONE),
        k => {
            let c = k.chars().next().unwrap_or(' ');
            let shift = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), shift)
        }
    };
    KeyEvent::new(code, modifiers)
}
