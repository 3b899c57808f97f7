//! What each subcommand does with its options, and the exit status it returns.

mod bank;
mod certify;
mod quiz;

use crate::cli::{BuildArgs, Cli, Command, EditionAction, ServeArgs, SiteArgs};
use crate::diag::Diagnostics;
use crate::render::Stats;
use crate::{build, scaffold, serve, BuildOptions, BuildResult, Target};
use std::io::{IsTerminal, Write};
use std::time::Duration;

pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => cmd_build(&args),
        Command::Check { site } => cmd_check(&site),
        Command::Serve(args) => cmd_serve(&args),
        Command::Init { dir } => match scaffold::init(&dir) {
            Ok(files) => {
                println!(
                    "Created a new site in {} ({} files). Next: cd {} && shian serve",
                    dir.display(),
                    files.len(),
                    dir.display()
                );
                EXIT_OK
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                EXIT_CONTENT
            }
        },
        Command::Edition {
            action: EditionAction::Freeze { name, site },
        } => match scaffold::freeze(&site.root, &name) {
            Ok(n) => {
                println!("Froze {n} files into editions/{name}/. Next: set `edition` in site.toml to the new edition's name.");
                EXIT_OK
            }
            Err(d) => {
                Diagnostics::from(d).emit_to_stderr();
                EXIT_CONTENT
            }
        },
        Command::Quiz { action } => quiz::run(action),
        Command::New { kind, path, site } => match scaffold::new_content(&site.root, kind, &path) {
            Ok(file) => {
                println!("Created {}", file.display());
                EXIT_OK
            }
            Err(d) => {
                Diagnostics::from(d).emit_to_stderr();
                EXIT_CONTENT
            }
        },
    }
}

pub fn options(site: &SiteArgs) -> BuildOptions {
    let mut o = BuildOptions::new(&site.root);
    o.drafts = site.drafts;
    o.strict = site.strict;
    o.progress = std::io::stderr().is_terminal();
    o
}

fn cmd_build(args: &BuildArgs) -> i32 {
    let mut opts = options(&args.site);
    opts.out = args.out.clone();
    opts.base_url = args.base_url.clone();
    opts.relative = args.relative;
    opts.search = !args.no_search;
    let out = opts.out_dir();
    let result = build(&opts, Target::Disk(out.clone()));
    if let (true, Ok(r)) = (args.timings, &result) {
        for (name, d) in &r.timings {
            eprintln!("{name:>9} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
        eprintln!(
            "   within render, summed over threads: markdown {:.1} ms, templates {:.1} ms",
            r.stats.markdown_time.as_secs_f64() * 1000.0,
            r.stats.template_time.as_secs_f64() * 1000.0
        );
    }
    report(result, &format!("→ {}", out.display()), "Built")
}

fn cmd_check(site: &SiteArgs) -> i32 {
    let opts = options(site);
    report(
        build(&opts, Target::Nothing),
        "(nothing written)",
        "Checked",
    )
}

fn report(result: Result<BuildResult, Diagnostics>, place: &str, verb: &str) -> i32 {
    match result {
        Ok(r) => {
            if !r.warnings.is_empty() {
                r.warnings.emit_to_stderr();
            }
            println!("{verb} {} {place}", summary(&r));
            EXIT_OK
        }
        Err(diags) => {
            diags.emit_to_stderr();
            EXIT_CONTENT
        }
    }
}

/// `12 pages, 3 sections, 4 static files, 1 redirect in 85 ms`.
pub fn summary(r: &BuildResult) -> String {
    stats_line(&r.stats, r.elapsed)
}

fn stats_line(s: &Stats, elapsed: Duration) -> String {
    let n = |v: usize, one: &str, many: &str| format!("{v} {}", if v == 1 { one } else { many });
    let mut indexed = if s.indexed > 0 {
        format!(", {} searchable", s.indexed)
    } else {
        String::new()
    };
    if s.cached > 0 {
        indexed.push_str(&format!(", {} files from the edition cache", s.cached));
    }
    format!(
        "{}, {}, {}, {}{indexed} in {} ms",
        n(s.pages, "page", "pages"),
        n(s.sections, "section", "sections"),
        n(s.static_files, "static file", "static files"),
        n(s.aliases, "redirect", "redirects"),
        elapsed.as_millis()
    )
}

fn cmd_serve(args: &ServeArgs) -> i32 {
    let addr = format!("{}:{}", args.bind, args.port);
    let listener = match std::net::TcpListener::bind(&addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            eprintln!(
                "  hint: another server may be using the port; try --port {}",
                args.port.wrapping_add(1).max(1024)
            );
            return EXIT_USAGE;
        }
    };
    let local = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let mut opts = options(&args.site);
    opts.base_url = Some(format!("http://{local}/"));
    opts.progress = false;
    opts.search = !args.no_search;
    if !opts.root.join(crate::config::CONFIG_FILE).is_file() {
        eprintln!(
            "error: {} has no site.toml\n  hint: run shian serve inside a site folder, pass --root DIR, or create a site with `shian init DIR`",
            opts.root.display()
        );
        return EXIT_CONTENT;
    }
    let timings = args.timings;
    match serve::run(opts, listener, move |e| print_event(e, timings)) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_CONTENT
        }
    }
}

/// What serve prints: one line per build (the warnings or errors first), and where it listens.
fn print_event(event: serve::Event<'_>, timings: bool) {
    let changed = |c: Option<&str>| c.map(|c| format!("{c} changed: ")).unwrap_or_default();
    match event {
        serve::Event::Built { changed: c, built } => {
            if !built.warnings.is_empty() {
                built.warnings.emit_to_stderr();
            }
            println!(
                "{}Built {} ({} documents rendered)",
                changed(c),
                stats_line(&built.stats, built.elapsed),
                built.stats.rendered
            );
            if timings {
                let stages: Vec<String> = built
                    .timings
                    .iter()
                    .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
                    .collect();
                println!("  {}", stages.join(", "));
            }
        }
        serve::Event::Failed {
            changed: c,
            diagnostics,
        } => {
            diagnostics.emit_to_stderr();
            println!(
                "{}Build failed ({} errors); still serving the last good build",
                changed(c),
                diagnostics.error_count()
            );
        }
        serve::Event::Serving { url } => println!("Serving at {url} (Ctrl+C to stop)"),
    }
    let _ = std::io::stdout().flush();
}
