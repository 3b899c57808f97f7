//! Command-line interface: clap definitions only; [`crate::commands`] does the work.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "shian",
    version,
    about = "食安 shian: build food-safety training and public-reporting sites from Markdown, TOML and CSV",
    long_about = "食安 shian turns courses, question banks, typical cases and activity data into one static site.\n\nExit status: 0 success, 1 content errors (all printed), 2 usage errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site from the embedded theme and a small sample
    Init {
        /// Folder to create (must be empty or not exist)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Build the site into public/ (swapped in only when the whole build succeeds)
    Build(BuildArgs),
    /// Run every check that build does, writing nothing
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Serve the site with live reload, rebuilding on every change
    Serve(ServeArgs),
    /// Manage editions (the versioned site)
    Edition {
        #[command(subcommand)]
        action: EditionAction,
    },
    /// Question banks in and out, grading result codes, certificates (quiz results without a server)
    Quiz {
        #[command(subcommand)]
        action: QuizAction,
    },
    /// Create a new content file with valid front matter
    New {
        /// What to create
        kind: NewKind,
        /// Path under content/ for page/section (e.g. guide/first-steps), NAME for a course, COURSE/NAME
        /// for a lesson
        path: String,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum EditionAction {
    /// Copy the current courses, banks, exams and checklists into editions/NAME/ (an archived edition)
    Freeze {
        /// The edition's name, usually the one in site.toml `edition` (e.g. 2024)
        name: String,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum QuizAction {
    /// Grade result codes found anywhere in FILES (chat logs, form exports, JSON downloads) again,
    /// against the bank of each attempt's edition; tabulate the self-check codes (自查码) among them
    Grade {
        /// Text, CSV or JSON files that hold result codes (SA1…) or self-check codes (SK1…)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the attempts, the question and category statistics and the self-check records
        /// (X.xlsx, or X.csv and its companions)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Append the attempts to data/results/ and the self-check records to data/checks/ (never
        /// twice the same one)
        #[arg(long)]
        data: bool,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Import a question bank from a spreadsheet (.xlsx .xls .ods .csv), a Word document (.docx) or
    /// pasted text (.txt) into one bank file
    Import {
        /// The file to read
        file: PathBuf,
        /// The bank file to write [default: content/banks/<file name>.md under --root]
        #[arg(long)]
        out: Option<PathBuf>,
        /// The bank's category (e.g. 法律法规/食品安全法) [default: the file's 分类 column, or its name]
        #[arg(long)]
        category: Option<String>,
        /// The site folder (the one with site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Export banks as a spreadsheet in the import layout (xlsx, csv), as GIFT (Moodle) or as Aiken
    Export {
        /// Bank files (content/banks/…/x.md)
        #[arg(required = true)]
        banks: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write [default: standard output for gift and aiken]
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write an empty question-bank spreadsheet with one example per type and a sheet of instructions
    Template {
        #[arg(long)]
        out: PathBuf,
    },
    /// Make the organiser's Ed25519 key for certificates (keep the file outside the site)
    Keygen {
        /// Where to write the secret key file (it must not exist yet)
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Sign a certificate for every passing attempt among the codes in FILES
    Certify {
        /// The secret key file made by `shian quiz keygen`
        #[arg(long)]
        key: PathBuf,
        /// Files that hold result codes, as for grade (data/results/*.csv too)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the certificates to X.xlsx or X.csv (else they are printed)
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Gift,
    Aiken,
}

#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site folder (the one with site.toml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include pages marked draft = true
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings (for example a citation of an unknown law article) as errors
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder [default: <root>/public]
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Override base_url from site.toml
    #[arg(long)]
    pub base_url: Option<String>,
    /// Make every link relative, so the output works from file:// and a USB stick
    #[arg(long)]
    pub relative: bool,
    /// Skip the full-text search index
    #[arg(long)]
    pub no_search: bool,
    /// Print the time of each stage (load, scan, parse, assemble, render, search, write)
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Print the time of each stage of every rebuild
    #[arg(long)]
    pub timings: bool,
    /// Do not keep a search index (it is made after each rebuild, a moment after the pages)
    #[arg(long)]
    pub no_search: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    /// An ordinary page
    Page,
    /// A section: a folder with its _index.md
    Section,
    /// A course: content/courses/NAME/_index.md
    Course,
    /// A lesson of a course: content/courses/COURSE/NAME.md
    Lesson,
}
