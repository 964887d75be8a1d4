//! The `khabar` command: the reader, `extract`, `tag` and `index` for scripts, and
//! `completions` and `man` for installing it.

mod cli;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::Context;
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use clap_complete::Shell;
use khabar::article::clean::{display_path, safe_text};
use khabar::article::{ScanOptions, load_path_with};
use khabar::export::conll as export_conll;
use khabar::export::csv as export_csv;
use khabar::extract::Extractor;
use khabar::extract::report::{ArticleReport, ErrorReport, ExtractReport};
use khabar::extract::tagger::Tagger;
use khabar::library::Library;
use khabar::library::cache::Cache;
use khabar::library::refresh::{Progress, RefreshOptions, refresh, search_dir};
use khabar::library::report::IndexReport;
use khabar::library::search::SearchIndex;

use cli::{Cli, Command, Format, IndexOptions, OutputOptions, Table};

/// mimalloc rather than the system allocator: reopening a large folder decodes millions of
/// small strings and vectors on several threads, where glibc's malloc spends a tenth of the
/// time and keeps freed memory in per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, set before Rust's runtime makes its first allocation (see
/// [`khabar::allocator`]).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = khabar::allocator::tune;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    let result = match cli.command.take() {
        Some(Command::Extract {
            ref_date,
            output,
            follow,
            paths,
        }) => extract(
            &paths,
            ref_date,
            &ScanOptions::new(follow),
            output_format("extract", output),
        ),
        Some(Command::Index {
            options,
            output,
            path,
        }) => index(&path, options, output_format("index", output)),
        Some(Command::Fetch {
            into,
            feeds,
            state_dir,
            timeout,
            max_size,
            urls,
        }) => fetch(FetchArgs {
            into,
            feeds,
            state_dir,
            timeout,
            max_size,
            urls,
            config: cli.config.clone(),
        }),
        Some(Command::Tag { .. }) => tag_conll().map(|()| ExitCode::SUCCESS),
        Some(Command::Completions { shell }) => completions(shell).map(|()| ExitCode::SUCCESS),
        Some(Command::Man { command }) => man(command.as_deref()),
        None => open_reader(cli),
    };
    result.unwrap_or_else(|e| {
        if is_broken_pipe(&e) {
            // The reader of our output went away (`khabar extract … | head`): not an error.
            return ExitCode::SUCCESS;
        }
        // Errors can quote paths and file contents: never let them drive the terminal.
        eprintln!("khabar: {}", safe_text(&format!("{e:#}")));
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
            .or_else(|| match cause.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(e) => Some(e.kind()),
                _ => None,
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// What `extract` and `index` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Json,
    Csv(Table),
}

/// The output of `--format` and `--table`; `--table` without `--format csv` is a usage
/// error (exit 2).
fn output_format(command: &str, options: OutputOptions) -> Output {
    match (options.format, options.table) {
        (Format::Csv, table) => Output::Csv(table.unwrap_or_default()),
        (Format::Json, None) => Output::Json,
        (Format::Json, Some(_)) => {
            let mut cli = Cli::command();
            cli.build();
            let mut cmd = cli.find_subcommand(command).cloned().unwrap_or(cli);
            cmd.error(
                ErrorKind::ArgumentConflict,
                "--table chooses a CSV table: add --format csv",
            )
            .exit()
        }
    }
}

fn open_reader(cli: Cli) -> anyhow::Result<ExitCode> {
    let Cli {
        path,
        state_dir,
        cache_dir,
        no_cache,
        no_watch,
        follow,
        config,
        romanize,
        width_mode,
        ..
    } = cli;
    // A config that cannot be read is the defaults; the reader shows what went wrong.
    let loaded = khabar::tui::config::Config::load_default(config.as_deref());
    let from_config = path.is_none() && loaded.config.library.default_folder.is_some();
    let path = path
        .or_else(|| loaded.config.library.default_folder.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    if !path.exists() {
        let origin = match (&loaded.path, from_config) {
            (Some(file), true) => {
                format!(" (library.default_folder in {})", display_path(file))
            }
            _ => String::new(),
        };
        eprintln!(
            "khabar: {}: no such file or folder{origin}",
            display_path(&path)
        );
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
        follow,
        config_errors: loaded.errors.iter().map(ToString::to_string).collect(),
        config: loaded.config,
        no_color: khabar::tui::config::theme::no_color_from_env(),
        romanize,
        export_dir: None,
        width_mode,
        aliases: khabar::library::aliases::path_beside(
            khabar::tui::config::config_path(config.as_deref()).as_deref(),
        ),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn extract(
    paths: &[PathBuf],
    ref_date: Option<NaiveDate>,
    scan: &ScanOptions,
    output: Output,
) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::embedded().context("cannot load the entity model")?;
    let mut report = ExtractReport {
        articles: Vec::new(),
        errors: Vec::new(),
    };
    for path in paths {
        if !path.exists() {
            report.errors.push(ErrorReport {
                path: display_path(path),
                error: "no such file or folder".into(),
            });
            continue;
        }
        load_path_with(path, scan, |outcome| {
            report
                .errors
                .extend(outcome.errors.iter().map(ErrorReport::from));
            for article in &outcome.articles {
                let found = extractor.extract(article, ref_date);
                report
                    .articles
                    .push(ArticleReport::new(article, found).with_given_date(ref_date));
            }
        });
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match output {
        Output::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Output::Csv(Table::Entities) => export_csv::extract_entities(&report, &mut out)?,
        Output::Csv(Table::Timeline) => export_csv::extract_timeline(&report, &mut out)?,
    }
    out.flush()?;
    Ok(if report.articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn index(
    path: &std::path::Path,
    options: IndexOptions,
    output: Output,
) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::embedded().context("cannot load the entity model")?;
    let mut errors: Vec<ErrorReport> = Vec::new();
    if !path.exists() {
        errors.push(ErrorReport {
            path: display_path(path),
            error: "no such file or folder".into(),
        });
        return print_index(&Library::default(), errors, output);
    }
    // A reference date changes what undated articles resolve to: such runs neither use nor
    // fill the cache, so it always holds the articles' own dates.
    let cache_dir = if options.no_cache || options.ref_date.is_some() {
        None
    } else {
        Cache::dir_for(path, options.cache_dir.as_deref())
    };
    // The folder's search index lives beside its cache and is kept up to date with it.
    let search =
        cache_dir
            .as_deref()
            .and_then(|dir| match SearchIndex::open_or_create(&search_dir(dir)) {
                Ok(index) => Some(Mutex::new(index)),
                Err(e) => {
                    eprintln!(
                        "khabar: folder search not updated: {}",
                        safe_text(&e.to_string())
                    );
                    None
                }
            });
    let refresh_options = RefreshOptions {
        cache_dir,
        ref_date: options.ref_date,
        scan: ScanOptions::new(options.follow),
        // The report prints the names each event's clause mentions.
        event_names: true,
        aliases: {
            let path = options.aliases.clone().or_else(|| {
                khabar::library::aliases::path_beside(
                    khabar::tui::config::config_path(None).as_deref(),
                )
            });
            let (rules, problem) = path
                .as_deref()
                .map(khabar::library::aliases::AliasRules::load)
                .unwrap_or_default();
            if let Some(problem) = problem {
                eprintln!("khabar: {}", safe_text(&problem));
            }
            if let Some(given) = options.aliases.as_deref().filter(|p| !p.exists()) {
                eprintln!(
                    "khabar: --aliases {}: no such file; names are linked without it",
                    display_path(given)
                );
            }
            rules
        },
    };
    let (library, stats) = refresh(
        path,
        Some(&extractor),
        &refresh_options,
        search.as_ref(),
        |progress| match progress {
            Progress::Files(files) => {
                errors.extend(
                    files
                        .iter()
                        .flat_map(|f| f.errors.iter().map(ErrorReport::from)),
                );
            }
            Progress::Extracting { .. } => {}
            Progress::Warning(w) => eprintln!("khabar: {}", safe_text(&w)),
        },
    );
    if options.stats {
        eprintln!(
            "khabar: {} files: {} from the cache, {} extracted, {} forgotten",
            stats.files, stats.cached, stats.extracted, stats.forgotten
        );
    }
    print_index(&library, errors, output)
}

fn print_index(
    library: &Library,
    errors: Vec<ErrorReport>,
    output: Output,
) -> anyhow::Result<ExitCode> {
    let loaded = !library.articles.is_empty();
    let report = IndexReport::new(library, errors);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match output {
        Output::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Output::Csv(Table::Entities) => export_csv::index_entities(&report, &mut out)?,
        Output::Csv(Table::Timeline) => export_csv::index_timeline(&report, &mut out)?,
    }
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
    export_conll::tag_conll(
        stdin.lock(),
        &mut out,
        |words| tagger.tag(words),
        |skipped| eprintln!("khabar: {skipped}"),
    )?;
    out.flush()?;
    Ok(())
}

/// Prints the completion script for `shell`.
fn completions(shell: Shell) -> anyhow::Result<()> {
    // clap_complete panics when its writer fails: write to memory, then to stdout, so a
    // closed pipe stays an ordinary (and quiet) error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "khabar", &mut script);
    write_stdout(&script)
}

/// Prints the man page of khabar, or of one of its commands.
fn man(command: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Built, the subcommands know their full names (khabar-extract).
    cmd.build();
    let page = match command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                eprintln!("khabar: no manual page for {name}");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let mut roff = Vec::new();
    let top = command.is_none();
    clap_mangen::Man::new(page)
        .source(format!("khabar {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)?;
    if top {
        // The reader's keys, its files and the environment it reads.
        roff.extend_from_slice(khabar::tui::manual::sections().as_bytes());
    }
    write_stdout(&title_first(&roff))?;
    Ok(ExitCode::SUCCESS)
}

/// The page with its `.TH` title line first, as man pages begin, ahead of the roff
/// preamble clap_mangen puts before it.
fn title_first(roff: &[u8]) -> Vec<u8> {
    let lines: Vec<&[u8]> = roff.split_inclusive(|&b| b == b'\n').collect();
    let Some(title) = lines.iter().position(|l| l.starts_with(b".TH ")) else {
        return roff.to_vec();
    };
    let mut out = Vec::with_capacity(roff.len());
    out.extend_from_slice(lines[title]);
    for (i, line) in lines.iter().enumerate() {
        if i != title {
            out.extend_from_slice(line);
        }
    }
    out
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// `khabar fetch` as given on the command line.
struct FetchArgs {
    into: Option<PathBuf>,
    /// `--feeds` (the default file) or `--feeds FILE`.
    feeds: Option<Option<PathBuf>>,
    state_dir: Option<PathBuf>,
    timeout: u64,
    max_size: u64,
    urls: Vec<String>,
    config: Option<PathBuf>,
}

/// A usage error of `fetch`: said on stderr, exit status 2.
fn fetch_usage(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("khabar fetch: {}", safe_text(message));
    eprintln!("usage: khabar fetch [--into DIR] URL... | khabar fetch [--into DIR] --feeds [FILE]");
    Ok(ExitCode::from(2))
}

fn fetch(args: FetchArgs) -> anyhow::Result<ExitCode> {
    use khabar::fetch::{Event, Limits, Options, Source};
    let mut sources: Vec<Source> = Vec::new();
    for url in &args.urls {
        match url::Url::parse(url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => sources.push(Source {
                url: url.clone(),
                listed_feed: false,
            }),
            _ => return fetch_usage(&format!("{url}: not an http or https address")),
        }
    }
    let list = match &args.feeds {
        Some(Some(file)) => Some(file.clone()),
        Some(None) => khabar::fetch::default_feed_list(),
        None if args.urls.is_empty() => khabar::fetch::default_feed_list().filter(|f| f.exists()),
        None => None,
    };
    if let Some(file) = &list {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                return fetch_usage(&format!(
                    "cannot read the feeds file {}: {e}",
                    display_path(file)
                ));
            }
        };
        for url in khabar::fetch::read_feed_list(&text) {
            match url::Url::parse(&url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => sources.push(Source {
                    url,
                    listed_feed: true,
                }),
                _ => eprintln!(
                    "khabar fetch: {}: {}: not an http or https address, skipped",
                    display_path(file),
                    safe_text(&url)
                ),
            }
        }
    }
    if sources.is_empty() {
        let hint = match khabar::fetch::default_feed_list() {
            Some(f) => format!(" (or list feeds in {})", display_path(&f)),
            None => String::new(),
        };
        return fetch_usage(&format!(
            "nothing to fetch: give URLs or --feeds FILE{hint}"
        ));
    }
    let into = match args.into {
        Some(dir) => dir,
        None => {
            let loaded = khabar::tui::config::Config::load_default(args.config.as_deref());
            loaded
                .config
                .library
                .default_folder
                .clone()
                .unwrap_or_else(|| PathBuf::from("."))
        }
    };
    let Some(state_dir) = args
        .state_dir
        .or_else(khabar::state::StateStore::default_dir)
    else {
        return fetch_usage("no state folder is known here: give --state-dir DIR");
    };
    let options = Options {
        into,
        state_dir,
        limits: Limits {
            timeout: std::time::Duration::from_secs(args.timeout.max(1)),
            max_bytes: args.max_size.max(1) * 1024 * 1024,
            ..Limits::default()
        },
    };
    let bar = std::io::IsTerminal::is_terminal(&std::io::stderr()).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |event: Event| match (&bar, event) {
        (Some(bar), Event::Planned(n)) => bar.inc_length(n as u64),
        (Some(bar), Event::Done { url, note }) => {
            bar.inc(1);
            bar.set_message(format!("{} {note}", safe_text(&url)));
        }
        (None, Event::Planned(_)) => {}
        (None, Event::Done { url, note }) => eprintln!("{}: {note}", safe_text(&url)),
    };
    let summary = khabar::fetch::run(&sources, &options, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    eprintln!(
        "{} new, {} skipped (fetched before), {} feeds unchanged, {} failed",
        summary.new.len(),
        summary.skipped,
        summary.unchanged,
        summary.failed.len()
    );
    for (url, reason) in &summary.failed {
        eprintln!("  failed: {}: {}", safe_text(url), safe_text(reason));
    }
    Ok(ExitCode::from(summary.exit_code()))
}
