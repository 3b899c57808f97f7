//! References between the data files: unique ids, pairings' leads, partners and districts, and
//! indicators' district scopes. (A case's pairing is checked with the cases.)

use super::{DataSet, Problems, WHOLE_SCOPES};
use crate::diag::Diagnostics;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

pub(super) fn references(
    set: &DataSet,
    sources: &HashMap<&'static str, Arc<str>>,
    diags: &mut Diagnostics,
) {
    let problems = |name: &'static str| {
        sources
            .get(name)
            .map(|s| (format!("data/{name}"), Arc::clone(s)))
    };
    if let Some((file, src)) = problems("enterprises.csv") {
        let mut p = Problems {
            file: &file,
            source: &src,
            diags,
        };
        unique_enterprise_ids(set, &mut p);
    }
    let districts = set.districts();
    let known = districts.iter().copied().collect::<Vec<_>>().join(", ");
    if let Some((file, src)) = problems("pairings.toml") {
        let mut p = Problems {
            file: &file,
            source: &src,
            diags,
        };
        pairing_references(set, &districts, &known, &mut p);
    }
    if let (Some((file, src)), true) = (problems("indicators.toml"), set.trusted("enterprises")) {
        let mut p = Problems {
            file: &file,
            source: &src,
            diags,
        };
        indicator_scopes(set, &districts, &known, &mut p);
    }
}

/// Reports every enterprise id used a second time.
fn unique_enterprise_ids(set: &DataSet, p: &mut Problems<'_>) {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for e in &set.enterprises {
        if seen.insert(&e.id, ()).is_some() {
            p.error(
                "E-DATA-DUP",
                format!("enterprise id `{}` is used twice", e.id),
                e.span.clone(),
                "every enterprise needs its own id",
            );
        }
    }
}

/// Reports duplicate pairing ids and, when there are enterprises, leads and partners that are not
/// enterprises and districts that have none.
fn pairing_references(
    set: &DataSet,
    districts: &BTreeSet<&str>,
    known: &str,
    p: &mut Problems<'_>,
) {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for pr in &set.pairings {
        if seen.insert(&pr.id, ()).is_some() {
            p.error(
                "E-DATA-DUP",
                format!("pairing id `{}` is used twice", pr.id),
                pr.id_span.clone(),
                "every pairing needs its own id",
            );
        }
        if !set.trusted("enterprises") {
            continue;
        }
        let people =
            std::iter::once(("lead", &pr.lead)).chain(pr.partners.iter().map(|x| ("partner", x)));
        for (who, (id, span)) in people {
            if set.enterprise(id).is_none() {
                p.error(
                    "E-DATA-REF",
                    format!("{who} `{id}` is not an enterprise in data/enterprises.csv"),
                    span.clone(),
                    "use the id column of data/enterprises.csv",
                );
            }
        }
        if !districts.contains(pr.district.0.as_str()) {
            p.error(
                "E-DATA-REF",
                format!(
                    "district `{}` has no enterprise in data/enterprises.csv",
                    pr.district.0
                ),
                pr.district.1.clone(),
                &format!("known districts: {known}"),
            );
        }
    }
}

/// Reports indicator scopes that name a district (…区, …县) without enterprises.
fn indicator_scopes(set: &DataSet, districts: &BTreeSet<&str>, known: &str, p: &mut Problems<'_>) {
    for ind in &set.indicators {
        for v in &ind.values {
            let scope = v.scope.0.as_str();
            let names_district = scope.ends_with('区') || scope.ends_with('县');
            if names_district && !WHOLE_SCOPES.contains(&scope) && !districts.contains(scope) {
                p.error(
                    "E-DATA-REF",
                    format!("scope `{scope}` is not a district of data/enterprises.csv"),
                    v.scope.1.clone(),
                    &format!("known districts: {known}; or a whole-area scope such as 全市"),
                );
            }
        }
    }
}
