//! Full-text search: a Pagefind index per edition, built with the pagefind crate as a library
//! (`features = ["extended"]`, whose ICU segmenter splits Chinese into words).
//!
//! Indexing reads the finished pages back from the staging folder (so rendered HTML never has to be
//! held in memory), gives Pagefind a copy of each with `data-pagefind-body` on `<main>` and the page's
//! filters (kind, and region/industry/measure on cases), and writes the bundle through the same sink:
//! `pagefind/` for the current edition (with cases and data pages), `editions/NAME/pagefind/` for each
//! archived one. `serve` does not build indexes.

use crate::diag::{Diagnostic, Diagnostics};
use crate::output::Sink;
use crate::site::Site;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::path::Path;

/// The copy of a page Pagefind reads: the page's `<main>` marked as the body, its filters as
/// attributes (so their values do not become text), and interface text left out: heading anchors,
/// glossary tips (the term itself stays) and buttons.
fn for_index(html: &str, filters: &[(&'static str, String)]) -> String {
    let spans: String = filters
        .iter()
        .map(|(k, v)| {
            format!(
                "<span data-pagefind-filter=\"{k}:{}\"></span>",
                crate::html::escape(v)
            )
        })
        .collect();
    let marked = html
        .replacen("<main", "<main data-pagefind-body", 1)
        .replace(" tabindex=\"-1\">#</a>", " tabindex=\"-1\"></a>")
        .replace(
            "<span class=\"term-tip\"",
            "<span data-pagefind-ignore class=\"term-tip\"",
        )
        .replace("<button", "<button data-pagefind-ignore");
    match marked.rfind("</main>") {
        Some(i) => format!("{}{spans}{}", &marked[..i], &marked[i..]),
        None => marked,
    }
}

/// Builds every edition's index from the pages already written under `dir`: the routes the route
/// table marks for search. Editions in `cached` already have their index from the edition cache.
pub fn index(
    site: &Site,
    dir: &Path,
    cached: &std::collections::HashSet<String>,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> usize {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error(
                "E-SEARCH",
                format!("cannot start the indexer: {e}"),
            ));
            return 0;
        }
    };
    let language = site.config.language.to_lowercase();
    let mut indexed = 0;
    for (edition, list) in site.routes.search_lists() {
        if cached.contains(&edition) {
            continue;
        }
        let result: Result<usize, String> = runtime.block_on(async {
            let options = PagefindServiceConfig::builder()
                .force_language(language.clone())
                .keep_index_url(true)
                .build();
            let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
            let mut n = 0;
            for r in &list {
                let Ok(html) = std::fs::read_to_string(dir.join(&*r.path)) else {
                    continue;
                };
                let filters = r.search.as_deref().unwrap_or_default();
                // Result URLs are root-relative without the base path: the search page tells
                // Pagefind the base.
                index
                    .add_html_file(
                        Some(r.path.to_string()),
                        Some(format!("/{}", r.url_path())),
                        for_index(&html, filters),
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                n += 1;
            }
            let prefix = if edition.is_empty() {
                "pagefind/".to_string()
            } else {
                format!("editions/{edition}/pagefind/")
            };
            for f in index.get_files().await.map_err(|e| e.to_string())? {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                let name = name.trim_start_matches("pagefind/").trim_start_matches('/');
                sink.write(&format!("{prefix}{name}"), &f.contents)
                    .map_err(|e| e.to_string())?;
            }
            Ok(n)
        });
        match result {
            Ok(n) => indexed += n,
            Err(e) => diags.push(
                Diagnostic::error("E-SEARCH", format!("search index failed: {e}"))
                    .with_hint("build with --no-search to skip the index, and report this"),
            ),
        }
    }
    indexed
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_index_copy_marks_main_and_adds_filters() {
        let html =
            "<html><body><header>x</header><main id=\"main\"><h1>T</h1></main></body></html>";
        let out = super::for_index(
            html,
            &[("kind", "case".into()), ("region", "宝山区".into())],
        );
        assert!(out.contains("<main data-pagefind-body id=\"main\">"));
        assert!(out.contains("<span data-pagefind-filter=\"region:宝山区\"></span></main>"));
    }
}
