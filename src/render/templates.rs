//! The templates: compiled once from the theme (serve keeps them while no template changes), with
//! the one HTML escaper, and a key per template — the hash of every template it is made of (the ones
//! it extends, includes and imports macros from, found by [`dependencies`] in Tera's parsed
//! templates) — so a rebuild knows which pages a template edit touches.

use crate::diag::{Diagnostic, Diagnostics};
use crate::hash::Key;
use crate::load::Theme;
use crate::site::Site;
use std::collections::{BTreeSet, HashMap};
use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// What a template's output can change with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TemplateKey {
    /// Hash of the text of every template it is made of.
    pub hash: u64,
    /// It (or a template it is made of) calls `data()`, so it reads the data files.
    pub uses_data: bool,
}

pub struct Templates {
    tera: Tera,
    keys: HashMap<String, TemplateKey>,
    /// The shortcode and partial templates together: any page's Markdown may use them.
    shortcodes: TemplateKey,
    /// Hash of every template's name and text.
    pub source: u64,
}

impl Templates {
    /// Compiles the theme's templates, or reports why they cannot be.
    pub fn compile(theme: &Theme, diags: &mut Diagnostics) -> Option<Templates> {
        let mut tera = Tera::default();
        tera.set_escape_fn(crate::html::escape);
        tera.autoescape_on(vec![".html", ".xml"]);
        let list: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(name, (text, _))| (name.as_str(), text.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(list) {
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
            return None;
        }
        let text = |name: &str| {
            theme
                .templates
                .get(name)
                .map(|t| t.0.as_str())
                .unwrap_or("")
        };
        let key_of = |names: &mut dyn Iterator<Item = &str>| {
            let mut all = Deps::default();
            for n in names {
                let d = dependencies(&tera, n);
                all.templates.extend(d.templates);
                all.uses_data |= d.uses_data;
            }
            let mut k = Key::default();
            for t in &all.templates {
                k.str(t).str(text(t));
            }
            TemplateKey {
                hash: k.finish(),
                uses_data: all.uses_data,
            }
        };
        let keys = theme
            .templates
            .keys()
            .map(|n| (n.clone(), key_of(&mut std::iter::once(n.as_str()))))
            .collect();
        let shortcodes = key_of(
            &mut theme
                .templates
                .keys()
                .map(String::as_str)
                .filter(|n| n.starts_with("shortcodes/") || n.starts_with("partials/")),
        );
        Some(Templates {
            keys,
            shortcodes,
            source: source_key(theme),
            tera,
        })
    }

    pub fn key(&self, name: &str) -> TemplateKey {
        self.keys.get(name).copied().unwrap_or_default()
    }

    pub fn shortcodes_key(&self) -> TemplateKey {
        self.shortcodes
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tera.get_template_names()
    }

    /// The engine for one build of `site`: the compiled templates with the site's `data()` function.
    pub fn for_site(&self, site: &Site) -> Tera {
        let mut tera = self.tera.clone();
        register_data_function(&mut tera, site);
        tera
    }
}

/// Hash of every template's name and text: when it is unchanged, the compiled templates are too.
pub fn source_key(theme: &Theme) -> u64 {
    let mut k = Key::default();
    for (name, (text, _)) in &theme.templates {
        k.str(name).str(text);
    }
    k.finish()
}

/// The templates one template is made of, itself included, and whether any calls `data()`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Deps {
    pub templates: BTreeSet<String>,
    pub uses_data: bool,
}

/// Every template `name` is made of — those it extends (the whole chain), includes and imports
/// macros from, transitively — read from Tera's parsed templates.
pub fn dependencies(tera: &Tera, name: &str) -> Deps {
    let mut deps = Deps::default();
    let mut todo = vec![name.to_string()];
    while let Some(t) = todo.pop() {
        if !deps.templates.insert(t.clone()) {
            continue;
        }
        let Ok(tpl) = tera.get_template(&t) else {
            continue;
        };
        todo.extend(tpl.parents.iter().cloned());
        todo.extend(tpl.imported_macro_files.iter().map(|(f, _)| f.clone()));
        let mut found = Found::default();
        nodes(&tpl.ast, &mut found);
        for m in tpl.macros.values() {
            nodes(&m.body, &mut found);
        }
        todo.extend(found.includes);
        deps.uses_data |= found.calls.contains("data");
    }
    deps
}

#[derive(Default)]
struct Found {
    includes: Vec<String>,
    calls: BTreeSet<String>,
}

fn nodes(list: &[Node], f: &mut Found) {
    for n in list {
        match n {
            Node::VariableBlock(_, e) => expr(e, f),
            Node::MacroDefinition(_, m, _) => nodes(&m.body, f),
            Node::Extends(_, name) => f.includes.push(name.clone()),
            Node::Include(_, names, _) => f.includes.extend(names.iter().cloned()),
            Node::ImportMacro(_, file, _) => f.includes.push(file.clone()),
            Node::Set(_, s) => expr(&s.value, f),
            Node::FilterSection(_, s, _) => {
                f.calls.insert(s.filter.name.clone());
                s.filter.args.values().for_each(|e| expr(e, f));
                nodes(&s.body, f);
            }
            Node::Block(_, b, _) => nodes(&b.body, f),
            Node::Forloop(_, l, _) => {
                expr(&l.container, f);
                nodes(&l.body, f);
                if let Some(b) = &l.empty_body {
                    nodes(b, f);
                }
            }
            Node::If(i, _) => {
                for (_, e, body) in &i.conditions {
                    expr(e, f);
                    nodes(body, f);
                }
                if let Some((_, body)) = &i.otherwise {
                    nodes(body, f);
                }
            }
            Node::Super
            | Node::Text(_)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }
}

fn expr(e: &Expr, f: &mut Found) {
    for filter in &e.filters {
        filter.args.values().for_each(|a| expr(a, f));
    }
    match &e.val {
        ExprVal::FunctionCall(c) => {
            f.calls.insert(c.name.clone());
            c.args.values().for_each(|a| expr(a, f));
        }
        ExprVal::MacroCall(c) => c.args.values().for_each(|a| expr(a, f)),
        ExprVal::Math(m) => {
            expr(&m.lhs, f);
            expr(&m.rhs, f);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, f);
            expr(&l.rhs, f);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| expr(a, f)),
        ExprVal::Array(items) => items.iter().for_each(|a| expr(a, f)),
        ExprVal::In(i) => {
            expr(&i.lhs, f);
            expr(&i.rhs, f);
        }
        ExprVal::String(_)
        | ExprVal::Int(_)
        | ExprVal::Float(_)
        | ExprVal::Bool(_)
        | ExprVal::Ident(_)
        | ExprVal::StringConcat(_) => {}
    }
}

/// A Tera error with its causes.
pub fn tera_error_text(e: &tera::Error) -> String {
    crate::diag::error_chain(e)
}

/// `data(name="enterprises")` in templates: any data file's typed rows as JSON.
fn register_data_function(tera: &mut Tera, site: &Site) {
    let mut sets = site.data.json();
    if let Some(g) = &site.glossary {
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
        move |args: &HashMap<String, serde_json::Value>| -> tera::Result<serde_json::Value> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut t = Tera::default();
        t.add_raw_templates(templates.to_vec()).unwrap();
        t
    }

    #[test]
    fn dependencies_follow_extends_includes_imports_and_macros() {
        let t = tera(&[
            ("base.html", "{% import \"macros.html\" as m %}<main>{% block content %}{% endblock %}</main>{% include \"footer.html\" %}"),
            ("macros.html", "{% macro card(x) %}{% include \"card.html\" %}{% endmacro %}"),
            ("card.html", "{{ x }}"),
            ("footer.html", "{% if true %}{% include [\"missing.html\", \"legal.html\"] ignore missing %}{% endif %}"),
            ("legal.html", "©"),
            ("page.html", "{% extends \"base.html\" %}{% block content %}{% for p in pages %}{{ p }}{% endfor %}{% endblock %}"),
            ("other.html", "unrelated"),
        ]);
        let d = dependencies(&t, "page.html");
        let names: Vec<&str> = d.templates.iter().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "base.html",
                "card.html",
                "footer.html",
                "legal.html",
                "macros.html",
                "missing.html",
                "page.html"
            ]
        );
        assert!(!d.uses_data);
    }

    #[test]
    fn a_call_of_data_anywhere_is_found() {
        let t = tera(&[
            (
                "a.html",
                "{% for e in data(name=\"enterprises\") %}{{ e.name }}{% endfor %}",
            ),
            (
                "b.html",
                "{% set n = data(name=\"pairings\") | length %}{{ n }}",
            ),
            ("c.html", "{{ x | default(value=data(name=\"glossary\")) }}"),
            ("d.html", "{% include \"a.html\" %}"),
            ("e.html", "{{ now() }}"),
        ]);
        for name in ["a.html", "b.html", "c.html", "d.html"] {
            assert!(dependencies(&t, name).uses_data, "{name}");
        }
        assert!(!dependencies(&t, "e.html").uses_data);
    }
}
