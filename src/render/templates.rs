//! Tera setup: every template of the theme layers, registered at once so inheritance resolves, with
//! an HTML escaper that leaves `/` alone (Tera's default turns every `/` in a URL into `&#x2F;`).

use crate::diag::{Diagnostic, Diagnostics};
use crate::theme::Theme;
use tera::Tera;

/// Builds the template engine, or reports why it cannot.
pub fn build(theme: &Theme, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    tera.autoescape_on(vec![".html", ".xml"]);
    let list: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(name, (text, _))| (name.as_str(), text.as_str()))
        .collect();
    match tera.add_raw_templates(list) {
        Ok(()) => Some(tera),
        Err(e) => {
            let text = tera_error_text(&e);
            let origin = theme
                .templates
                .iter()
                .find(|(name, _)| text.contains(&format!("'{name}'")))
                .map(|(_, (_, origin))| origin.clone())
                .unwrap_or_else(|| "templates/".to_string());
            diags.push(
                Diagnostic::error("E-TEMPLATE", format!("template error: {text}"))
                    .in_file(origin)
                    .with_hint("fix the Tera syntax; see https://keats.github.io/tera/docs/ for the template language"),
            );
            None
        }
    }
}

/// Tera nests the useful message in `source()`; join the whole chain.
pub fn tera_error_text(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `data(name="enterprises")` in templates: any data file's typed rows as JSON.
pub fn register_data_function(
    tera: &mut Tera,
    data: &crate::data::DataSet,
    glossary: Option<&crate::glossary::Glossary>,
) {
    let mut sets = data.json();
    if let Some(g) = glossary {
        let terms: Vec<serde_json::Value> = g
            .terms
            .iter()
            .map(|t| serde_json::json!({"term": t.term, "definition": t.definition, "aliases": t.aliases}))
            .collect();
        sets.insert("glossary", serde_json::Value::Array(terms));
    }
    let sets = std::sync::Arc::new(sets);
    tera.register_function(
        "data",
        move |args: &std::collections::HashMap<String, serde_json::Value>| -> tera::Result<serde_json::Value> {
            let name = args
                .get("name")
                .and_then(|v| v.as_str())
                .ok_or_else(|| tera::Error::msg("data() needs name=\"enterprises\" (or pairings, milestones, indicators, trainings, glossary)"))?;
            sets.get(name).cloned().ok_or_else(|| {
                tera::Error::msg(format!(
                    "data(name=\"{name}\"): no such data set; use enterprises, pairings, milestones, indicators, trainings or glossary"
                ))
            })
        },
    );
}
