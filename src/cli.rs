//! The command line: options, subcommands and their help (also the source of the shell
//! completions and the man pages).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

/// A terminal reader for Hindi news that works offline.
///
/// Opens a folder of articles (.txt wire stories, .json, .jsonl, saved .html pages, .xml
/// .rss .atom feeds), recursively, or a single file, and shows them with Devanagari wrapped
/// to the window, beside the people, places and organisations each article mentions. Press
/// ? in the reader for keys.
///
/// For scripts, khabar extract and khabar index print entities and timelines as JSON or CSV,
/// khabar fetch downloads feeds and pages into the folder, and khabar tag --conll tags
/// tokens; khabar completions SHELL and khabar man print a shell completion script and the
/// manual page. A folder named like a command opens with a path such as ./index.
#[derive(Parser, Debug)]
#[command(
    name = "khabar",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Folder or file to read [default: library.default_folder of the config file, else the
    /// current folder]
    pub path: Option<PathBuf>,

    /// Where reading state (read marks, positions) is kept
    /// [default: $XDG_STATE_HOME/khabar, usually ~/.local/state/khabar]
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Keep the extraction cache and the search index under DIR instead of
    /// $XDG_CACHE_HOME/khabar
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Extract every article again and keep no cache (nor a search index)
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// Do not follow changes to the folder while the reader is open
    #[arg(long)]
    pub no_watch: bool,
    /// Read folders behind symbolic links too (by default, as in ripgrep and fd, a
    /// symlinked folder is skipped; a symlinked file is always read)
    #[arg(long)]
    pub follow: bool,
    /// Read keys, colours, layout and the default folder from FILE
    /// [default: $XDG_CONFIG_HOME/khabar/config.toml, usually ~/.config/khabar/config.toml]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Start with the text in Latin letters (ISO 15919); r switches in the reader
    #[arg(long)]
    pub romanize: bool,
    /// How the terminal advances over a Devanagari cluster, to lay text out the same way:
    /// auto asks it (mode 2027 and a cursor-position probe); codepoint asks nothing (xterm,
    /// VTE, Konsole, tmux…); grapheme turns mode 2027 on (Ghostty, WezTerm, foot, Contour);
    /// legacy-grapheme is for terminals that cut conjuncts at the virama
    #[arg(long, value_enum, value_name = "MODE", default_value_t = WidthMode::Auto)]
    pub width_mode: WidthMode,
}

/// `--width-mode`.
pub use khabar::tui::width_mode::WidthMode;

/// How `extract` and `index` print their results.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// The whole report as pretty-printed JSON
    #[default]
    Json,
    /// One table (see --table) as CSV with a header row
    Csv,
}

/// Which table `--format csv` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Table {
    /// One row per entity
    #[default]
    Entities,
    /// One row per temporal expression
    Timeline,
}

/// `--format` and `--table`, shared by `extract` and `index`.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct OutputOptions {
    /// Print the report as JSON or one of its tables as CSV
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Json)]
    pub format: Format,
    /// The table --format csv prints [default: entities]
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<Table>,
}

/// Options of `khabar index`.
#[derive(clap::Args, Debug)]
pub struct IndexOptions {
    /// Date that relative expressions resolve against, for articles that give no date of
    /// their own (YYYY-MM-DD); such a run neither uses nor fills the cache
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub ref_date: Option<NaiveDate>,
    /// Extract every file again and store nothing
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// Keep the cache (and the folder's search index) under DIR instead of
    /// $XDG_CACHE_HOME/khabar
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Print how many files came from the cache and how many were extracted (to stderr)
    #[arg(long)]
    pub stats: bool,
    /// Read folders behind symbolic links too (by default a symlinked folder is skipped; a
    /// symlinked file is always read)
    #[arg(long)]
    pub follow: bool,
    /// The reader's merges and splits of names ([[same]] name/is, [[different]]
    /// name/is_not) [default: aliases.toml in $XDG_CONFIG_HOME/khabar]
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

/// The commands `khabar man COMMAND` has a page for.
pub const MAN_PAGES: [&str; 6] = ["extract", "index", "fetch", "tag", "completions", "man"];

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print each article's entities (and timeline) as JSON or CSV.
    ///
    /// Output: {"articles": [{"path", "title", "date", "dateline": {"place", "date_text",
    /// "agency"}, "body", "entities": [{"name", "kind", "aliases", "mentions": [{"start",
    /// "end", "text"}], "confidence", "titles"}], "timeline", "warnings"}], "errors":
    /// [{"path", "error"}]}. Offsets are byte offsets into "body"; "confidence" (0–1) is how
    /// sure extraction is of the entity, "titles" the titles written before its mentions.
    /// Exits 0 when at least one article loaded, 1 when none did.
    ///
    /// With --format csv, one table with a header row: --table entities (the default) has
    /// the columns path, line, name, kind, aliases, mentions (a count); --table timeline has
    /// path, line, text, value, modifier, kind, event, entities, start, end. "line" is the
    /// line of a .jsonl file (else empty); lists in a cell are joined by "|". Errors are not
    /// in the tables. A cell that begins with =, +, -, @, tab or CR starts with ' so that a
    /// spreadsheet never runs it as a formula.
    ///
    /// Paths are printed as everywhere in khabar: a byte of a name that is not UTF-8 reads
    /// \xNN, and a control or bidi character \x1B or \u{202E}.
    Extract {
        /// Date that relative expressions (कल, पिछले साल) resolve against, for articles that
        /// give no date of their own (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        ref_date: Option<NaiveDate>,
        #[command(flatten)]
        output: OutputOptions,
        /// Read folders behind symbolic links too (by default a symlinked folder is
        /// skipped; a symlinked file is always read)
        #[arg(long)]
        follow: bool,
        /// Folders or files to read
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the folder's entities, linked across articles, and its timeline as JSON or CSV.
    ///
    /// The same full name in two articles is one entity; a surname alone (पुतिन) joins a full
    /// name (व्लादिमीर पुतिन) only with evidence: the same title, or a name both articles give.
    /// Generic bodies (स्वास्थ्य विभाग) are never joined across articles. Output:
    /// {"entities": [{"name", "kind", "aliases", "articles": [paths, newest first],
    /// "mentions", "evidence": [{"path", "form", "why"}] for articles joined by a short
    /// form}], "timeline": [{"path", "title", "text", "start", "end", "kind", "value",
    /// "mod", "event", "entities"}], "errors": [{"path", "error"}]}. Entities are people,
    /// then places, then organisations, most widely named first; the timeline holds every
    /// dated event of every article, in date order (durations and undated references are in
    /// each article's own timeline, see extract). Exits 0 when at least one article loaded, 1 when none did.
    ///
    /// With --format csv, one table with a header row: --table entities (the default) has
    /// the columns name, kind, aliases, articles (a count), mentions (a count), paths
    /// (newest first); --table timeline has path, title, text, value, modifier, kind, event,
    /// entities, start, end. Lists in a cell are joined by "|". Errors are not in the
    /// tables. A cell that begins with =, +, -, @, tab or CR starts with '.
    ///
    /// Results are cached per file under the cache folder ($XDG_CACHE_HOME/khabar), keyed by
    /// the file's path, size and modification time and by khabar's extraction version, so
    /// a second run over an unchanged folder extracts nothing; the folder's search index
    /// there is brought up to date too. The reader shares the cache.
    Index {
        #[command(flatten)]
        options: IndexOptions,
        #[command(flatten)]
        output: OutputOptions,
        /// Folder or file to index
        path: PathBuf,
    },
    /// Download news into the folder: feeds and article pages, one JSON file per article.
    ///
    /// Each URL may be a feed (RSS 2.0, RSS 1.0, Atom) or an article page; --feeds reads
    /// feed addresses from FILE, one a line, # comments (default:
    /// $XDG_CONFIG_HOME/khabar/feeds.txt). For each new feed item the article page is
    /// fetched when the feed has only a summary. Articles are written as
    /// DIR/SITE/YYYY-MM/TITLE.json and never over another file; guids and addresses
    /// fetched are recorded in the state folder and skipped next time. Polite: a clear
    /// User-Agent, conditional requests for feeds, at most 2 connections per host,
    /// timeouts, a size limit per response, few redirects, robots.txt honoured for pages.
    /// Exit status: 0 when anything was fetched or nothing was new, 1 when every source
    /// failed, 2 on a usage error. For cron: khabar fetch --feeds --into ~/news.
    Fetch {
        /// The articles folder to write into [default: library.default_folder of the config
        /// file, else the current folder]
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Fetch the feeds listed in FILE [default FILE: $XDG_CONFIG_HOME/khabar/feeds.txt]
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        feeds: Option<Option<PathBuf>>,
        /// Where the record of what was fetched is kept
        /// [default: $XDG_STATE_HOME/khabar]
        #[arg(long, value_name = "DIR")]
        state_dir: Option<PathBuf>,
        /// Give up on one request after SECONDS
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        timeout: u64,
        /// Largest response read, in MiB
        #[arg(long, value_name = "MIB", default_value_t = 8)]
        max_size: u64,
        /// Feed or article addresses (http or https)
        #[arg(value_name = "URL")]
        urls: Vec<String>,
    },
    /// Tag tokens read from stdin with BIO entity tags (PER, LOC, ORG).
    ///
    /// Input: one token per line (the first tab-separated column is used), a blank line
    /// between sentences. Output: token TAB tag, blank lines kept. A line that is not UTF-8
    /// (or longer than 1 MiB) is reported on stderr by its number (line N: not UTF-8,
    /// skipped) and left out, the sentence around it kept. Escape sequences and control characters are removed from
    /// tokens; a token left empty is written as _.
    Tag {
        /// Read and write CoNLL columns (the only format so far)
        #[arg(long, required = true)]
        conll: bool,
    },
    /// Print a shell completion script.
    ///
    /// For example: khabar completions bash > ~/.local/share/bash-completion/completions/khabar;
    /// khabar completions zsh > ~/.zfunc/_khabar (with ~/.zfunc in $fpath); khabar
    /// completions fish > ~/.config/fish/completions/khabar.fish.
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff).
    ///
    /// Without COMMAND, the page of khabar itself, khabar(1); with one, its own page, such
    /// as khabar-extract(1). For example: khabar man | man -l -, or khabar man extract >
    /// khabar-extract.1.
    Man {
        /// The command whose page to print
        #[arg(value_name = "COMMAND", value_parser = PossibleValuesParser::new(MAN_PAGES))]
        command: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_a_man_page() {
        let cmd = Cli::command();
        let names: Vec<&str> = cmd.get_subcommands().map(clap::Command::get_name).collect();
        assert_eq!(names, MAN_PAGES);
    }
}
