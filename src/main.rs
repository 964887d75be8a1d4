//! The `khabar` command: the reader, and `extract`, `tag` and `index` for scripts.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use khabar::article::load_path;
use khabar::extract::report::{ArticleReport, ErrorReport, ExtractReport};
use khabar::extract::tagger::Tagger;
use khabar::extract::{Extractor, Tag};
use khabar::library::Library;
use khabar::library::cache::Cache;
use khabar::library::refresh::{Progress, RefreshOptions, refresh};
use khabar::library::report::IndexReport;

/// A terminal reader for Hindi news that works offline.
///
/// Opens a folder of articles (.txt wire stories, .json, .jsonl), recursively, or a single
/// file, and shows them with Devanagari wrapped to the window, beside the people, places and
/// organisations each article mentions. Press ? in the reader for keys.
#[derive(Parser, Debug)]
#[command(
    name = "khabar",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Folder or file to read [default: the current folder]
    path: Option<PathBuf>,

    /// Where reading state (read marks, positions) is kept
    /// [default: $XDG_STATE_HOME/khabar, usually ~/.local/state/khabar]
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    /// Keep the extraction cache under DIR instead of $XDG_CACHE_HOME/khabar
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Extract every article again and keep no cache
    #[arg(long)]
    no_cache: bool,
    /// Do not follow changes to the folder while the reader is open
    #[arg(long)]
    no_watch: bool,
}

/// Options of `khabar index`.
#[derive(clap::Args, Debug)]
struct IndexOptions {
    /// Date that relative expressions resolve against, for articles that give no date of
    /// their own (YYYY-MM-DD); such a run neither uses nor fills the cache
    #[arg(long, value_name = "YYYY-MM-DD")]
    ref_date: Option<NaiveDate>,
    /// Extract every file again and store nothing
    #[arg(long)]
    no_cache: bool,
    /// Keep the cache under DIR instead of $XDG_CACHE_HOME/khabar
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Print how many files came from the cache and how many were extracted (to stderr)
    #[arg(long)]
    stats: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print each article's entities (and timeline) as JSON.
    ///
    /// Output: {"articles": [{"path", "title", "date", "dateline": {"place", "date_text",
    /// "agency"}, "body", "entities": [{"name", "kind", "aliases", "mentions": [{"start",
    /// "end", "text"}]}], "timeline", "warnings"}], "errors": [{"path", "error"}]}.
    /// Offsets are byte offsets into "body". Exits 0 when at least one article loaded, 1 when
    /// none did.
    Extract {
        /// Date that relative expressions (कल, पिछले साल) resolve against, for articles that
        /// give no date of their own (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        ref_date: Option<NaiveDate>,
        /// Folders or files to read
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the folder's entities, linked across articles, and its timeline as JSON.
    ///
    /// The same name in two articles is one entity, and a surname or short form alone
    /// (पुतिन) joins the one full name in the folder it fits (व्लादिमीर पुतिन). Output:
    /// {"entities": [{"name", "kind", "aliases", "articles": [paths, newest first],
    /// "mentions"}], "timeline": [{"path", "title", "text", "start", "end", "kind", "value",
    /// "mod", "event", "entities"}], "errors": [{"path", "error"}]}. Entities are people,
    /// then places, then organisations, most widely named first; the timeline is in date
    /// order across all articles. Exits 0 when at least one article loaded, 1 when none did.
    ///
    /// Results are cached per file under the cache folder ($XDG_CACHE_HOME/khabar), keyed by
    /// the file's path, size and modification time and by khabar's extraction version, so
    /// a second run over an unchanged folder extracts nothing. The reader shares the cache.
    Index {
        #[command(flatten)]
        options: IndexOptions,
        /// Folder or file to index
        path: PathBuf,
    },
    /// Tag tokens read from stdin with BIO entity tags (PER, LOC, ORG).
    ///
    /// Input: one token per line (the first tab-separated column is used), a blank line
    /// between sentences. Output: token TAB tag, blank lines kept.
    Tag {
        /// Read and write CoNLL columns (the only format so far)
        #[arg(long, required = true)]
        conll: bool,
    },
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    let result = match cli.command.take() {
        Some(Command::Extract { ref_date, paths }) => extract(&paths, ref_date),
        Some(Command::Index { options, path }) => index(&path, options),
        Some(Command::Tag { .. }) => tag_conll().map(|()| ExitCode::SUCCESS),
        None => open_reader(cli),
    };
    result.unwrap_or_else(|e| {
        if is_broken_pipe(&e) {
            // The reader of our output went away (`khabar extract … | head`): not an error.
            return ExitCode::SUCCESS;
        }
        eprintln!("khabar: {e:#}");
        ExitCode::FAILURE
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn open_reader(cli: Cli) -> anyhow::Result<ExitCode> {
    let Cli {
        path,
        state_dir,
        cache_dir,
        no_cache,
        no_watch,
        ..
    } = cli;
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    if !path.exists() {
        eprintln!("khabar: {}: no such file or folder", path.display());
        return Ok(ExitCode::from(2));
    }
    let state_dir = state_dir.or_else(khabar::state::StateStore::default_dir);
    let cache_dir = if no_cache {
        None
    } else {
        let root = path.canonicalize().unwrap_or_else(|_| path.clone());
        Cache::dir_for(&root, cache_dir.as_deref())
    };
    khabar::tui::run(khabar::tui::Options {
        path,
        state_dir,
        cache_dir,
        watch: !no_watch,
    })?;
    Ok(ExitCode::SUCCESS)
}

fn extract(paths: &[PathBuf], ref_date: Option<NaiveDate>) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::embedded().context("cannot load the entity model")?;
    let mut report = ExtractReport {
        articles: Vec::new(),
        errors: Vec::new(),
    };
    for path in paths {
        if !path.exists() {
            report.errors.push(ErrorReport {
                path: path.display().to_string(),
                error: "no such file or folder".into(),
            });
            continue;
        }
        load_path(path, |outcome| {
            report
                .errors
                .extend(outcome.errors.iter().map(ErrorReport::from));
            for article in &outcome.articles {
                let found = extractor.extract(article, ref_date);
                report.articles.push(ArticleReport::new(article, found));
            }
        });
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, &report)?;
    writeln!(out)?;
    out.flush()?;
    Ok(if report.articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn index(path: &std::path::Path, options: IndexOptions) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::embedded().context("cannot load the entity model")?;
    let mut errors: Vec<ErrorReport> = Vec::new();
    if !path.exists() {
        errors.push(ErrorReport {
            path: path.display().to_string(),
            error: "no such file or folder".into(),
        });
        return print_index(&Library::default(), errors);
    }
    // A reference date changes what undated articles resolve to: such runs neither use nor
    // fill the cache, so it always holds the articles' own dates.
    let cache_dir = if options.no_cache || options.ref_date.is_some() {
        None
    } else {
        Cache::dir_for(path, options.cache_dir.as_deref())
    };
    let refresh_options = RefreshOptions {
        cache_dir,
        ref_date: options.ref_date,
    };
    let (library, stats) =
        refresh(
            path,
            Some(&extractor),
            &refresh_options,
            |progress| match progress {
                Progress::Files(files) => {
                    errors.extend(
                        files
                            .iter()
                            .flat_map(|f| f.errors.iter().map(ErrorReport::from)),
                    );
                }
                Progress::Extracting { .. } => {}
                Progress::Warning(w) => eprintln!("khabar: {w}"),
            },
        );
    if options.stats {
        eprintln!(
            "khabar: {} files: {} from the cache, {} extracted, {} forgotten",
            stats.files, stats.cached, stats.extracted, stats.forgotten
        );
    }
    print_index(&library, errors)
}

fn print_index(library: &Library, errors: Vec<ErrorReport>) -> anyhow::Result<ExitCode> {
    let loaded = !library.articles.is_empty();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, &IndexReport::new(library, errors))?;
    writeln!(out)?;
    out.flush()?;
    Ok(if loaded {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn tag_conll() -> anyhow::Result<()> {
    let tagger = Tagger::embedded().context("cannot load the entity model")?;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut sentence: Vec<String> = Vec::new();
    let flush = |sentence: &mut Vec<String>, out: &mut BufWriter<_>| -> std::io::Result<()> {
        if sentence.is_empty() {
            return Ok(());
        }
        let words: Vec<&str> = sentence.iter().map(String::as_str).collect();
        let tags: Vec<Tag> = tagger.tag(&words);
        for (word, tag) in words.iter().zip(tags) {
            writeln!(out, "{word}\t{}", tag.to_conll())?;
        }
        sentence.clear();
        Ok(())
    };
    for line in stdin.lock().lines() {
        let line = line.context("cannot read stdin")?;
        let token = line.split('\t').next().unwrap_or("").trim();
        if token.is_empty() {
            flush(&mut sentence, &mut out)?;
            writeln!(out)?;
        } else {
            sentence.push(token.to_string());
        }
    }
    flush(&mut sentence, &mut out)?;
    out.flush()?;
    Ok(())
}
