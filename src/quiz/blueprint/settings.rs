//! An exam's settings: the preset, mode, time limit, multi-select rule and pass mark, each checked,
//! and the preset's rules on the whole paper.

use super::{Draw, ExamFile, Mode, Multi, Problems};
use crate::quiz::draw::parse_duration;

/// What a preset fills in and requires.
pub(super) struct Preset {
    min_questions: usize,
    min_pass: f64,
    time_limit: u64,
}

fn preset(name: &str) -> Option<Preset> {
    match name {
        "samr-2019" => Some(Preset {
            min_questions: 30,
            min_pass: 90.0,
            time_limit: 30 * 60,
        }),
        _ => None,
    }
}

/// The longest time limit an exam may have: a day (a longer one is a typo, and browsers cannot
/// count it down reliably).
pub const MAX_TIME_LIMIT: u64 = 24 * 3600;

pub(super) struct Settings {
    pub preset: Option<Preset>,
    pub mode: Mode,
    /// Seconds; 0 = no limit.
    pub time_limit: u64,
    pub multi: Multi,
    pub pass_percent: f64,
}

pub(super) fn read(file: &ExamFile, p: &mut Problems<'_>) -> Settings {
    let preset = file.preset.as_ref().and_then(|name| {
        let found = preset(name.get_ref());
        if found.is_none() {
            p.error(
                "E-EXAM-PRESET",
                format!("unknown preset `{}`", name.get_ref()),
                name.span(),
                "the preset shian knows is samr-2019 (>= 30 questions, pass at >= 90%)",
            );
        }
        found
    });
    let mode = match file.mode.as_ref().map(|m| (m.get_ref().as_str(), m.span())) {
        None | Some(("exam", _)) => Mode::Exam,
        Some(("practice", _)) => Mode::Practice,
        Some(("browse", _)) => Mode::Browse,
        Some((other, span)) => {
            p.error(
                "E-EXAM-VALUE",
                format!("mode `{other}` is not one of browse, practice, exam"),
                span,
                "write mode = \"exam\"",
            );
            Mode::Exam
        }
    };
    let multi = match file
        .multi_select
        .as_ref()
        .map(|m| (m.get_ref().as_str(), m.span()))
    {
        None | Some(("all-or-nothing", _)) => Multi::AllOrNothing,
        Some(("partial", _)) => Multi::Partial,
        Some((other, span)) => {
            p.error(
                "E-EXAM-VALUE",
                format!("multi_select `{other}` is not all-or-nothing or partial"),
                span,
                "write multi_select = \"all-or-nothing\" (the assessment's rule) or \"partial\"",
            );
            Multi::AllOrNothing
        }
    };
    let time_limit = time_limit(file, preset.as_ref(), p);
    let pass_percent = pass_percent(file, preset.as_ref(), p);
    Settings {
        preset,
        mode,
        time_limit,
        multi,
        pass_percent,
    }
}

fn time_limit(file: &ExamFile, preset: Option<&Preset>, p: &mut Problems<'_>) -> u64 {
    let Some(t) = &file.time_limit else {
        return preset.map(|p| p.time_limit).unwrap_or(0);
    };
    match parse_duration(t.get_ref()) {
        Some(secs) if secs <= MAX_TIME_LIMIT => secs,
        Some(_) => {
            p.error(
                "E-EXAM-TIME",
                format!("time_limit `{}` is longer than a day", t.get_ref()),
                t.span(),
                "an exam's time limit is at most 24h; write it like \"30m\" or \"1h30m\"",
            );
            0
        }
        None => {
            p.error(
                "E-EXAM-TIME",
                format!("time_limit `{}` is not a duration", t.get_ref()),
                t.span(),
                "write it like \"30m\", \"1h\", \"1h30m\" or \"90s\"",
            );
            0
        }
    }
}

fn pass_percent(file: &ExamFile, preset: Option<&Preset>, p: &mut Problems<'_>) -> f64 {
    let pass_percent = file
        .pass_percent
        .as_ref()
        .map(|p| *p.get_ref())
        .or(preset.map(|p| p.min_pass))
        .unwrap_or(60.0);
    let span = file.pass_percent.as_ref().map(|p| p.span()).unwrap_or(0..0);
    if !(pass_percent > 0.0 && pass_percent <= 100.0) {
        p.error(
            "E-EXAM-PASS",
            format!("pass_percent {pass_percent} can never be reached"),
            span.clone(),
            "pass_percent is a percentage of the total points, greater than 0 and at most 100",
        );
    }
    if let (Some(pre), Some(name)) = (preset, &file.preset) {
        if pass_percent < pre.min_pass {
            p.error(
                "E-EXAM-PRESET",
                format!(
                    "{} requires pass_percent >= {}, found {pass_percent}",
                    name.get_ref(),
                    pre.min_pass
                ),
                span,
                "raise pass_percent, or remove the preset",
            );
        }
    }
    pass_percent
}

/// The rules on the whole paper: at least one draw, and the preset's minimum of questions.
pub(super) fn check_totals(file: &ExamFile, s: &Settings, draws: &[Draw], p: &mut Problems<'_>) {
    if file.draw.is_empty() {
        p.error(
            "E-EXAM-DRAW",
            "an exam needs at least one [[draw]]".into(),
            0..0,
            "add [[draw]] with from, type, count and points",
        );
    }
    let total = draws.iter().fold(0usize, |n, d| n.saturating_add(d.count));
    if let (Some(pre), Some(name)) = (&s.preset, &file.preset) {
        if total < pre.min_questions {
            p.error(
                "E-EXAM-PRESET",
                format!(
                    "{} requires at least {} questions, the draws give {total}",
                    name.get_ref(),
                    pre.min_questions
                ),
                name.span(),
                "add draws or raise their counts",
            );
        }
    }
}
