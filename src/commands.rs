//! What each subcommand does with its options, and the exit status it returns.

use crate::cli::{BuildArgs, Cli, Command, EditionAction, SiteArgs};
use crate::diag::Diagnostics;
use crate::{build, scaffold, serve, BuildOptions, BuildResult, Target};
use std::io::IsTerminal;

pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => cmd_build(&args),
        Command::Check { site } => cmd_check(&site),
        Command::Serve(args) => serve::run(&args),
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
    let n = |v: usize, one: &str, many: &str| format!("{v} {}", if v == 1 { one } else { many });
    let s = r.stats;
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
        r.elapsed.as_millis()
    )
}
