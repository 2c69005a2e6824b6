//! The query page at `/` and the files it loads, all built into the binary.
//!
//! The page (`assets/index.html`, `assets/app.js`, `assets/style.css`) sends the
//! textarea's query to `/sparql`, shows the results as a table and draws the actor
//! network of the rows with Cytoscape.js (vendored in `assets/cytoscape/`, see its
//! README). The example queries of `examples/queries/` are embedded here and written
//! into the page with the project's prefixes, so they are one click away.
//! `/?example=meetings&run` opens the page with an example selected and run.

use std::sync::LazyLock;

use crate::graph::vocab::PREFIXES;

/// The example queries shown on the page: file stem and text.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("meetings", include_str!("../../examples/queries/meetings.rq")),
    ("attacks", include_str!("../../examples/queries/attacks.rq")),
    ("between", include_str!("../../examples/queries/between.rq")),
    ("top-actors", include_str!("../../examples/queries/top-actors.rq")),
    ("cooperation-conflict", include_str!("../../examples/queries/cooperation-conflict.rq")),
    ("most-reported", include_str!("../../examples/queries/most-reported.rq")),
];

/// A file the server sends as it is.
pub struct Asset {
    pub content_type: &'static str,
    pub body: &'static [u8],
}

/// The page, with the examples and prefixes filled in.
pub fn index() -> Asset {
    static PAGE: LazyLock<String> =
        LazyLock::new(|| include_str!("assets/index.html").replace("{{PAGE_DATA}}", &page_data()));
    Asset { content_type: "text/html; charset=utf-8", body: PAGE.as_bytes() }
}

/// The static file served at `path`, if there is one.
pub fn asset(path: &str) -> Option<Asset> {
    let (content_type, body): (&str, &[u8]) = match path {
        "/assets/app.js" => ("text/javascript; charset=utf-8", include_bytes!("assets/app.js")),
        "/assets/style.css" => ("text/css; charset=utf-8", include_bytes!("assets/style.css")),
        "/assets/cytoscape.min.js" => {
            ("text/javascript; charset=utf-8", include_bytes!("assets/cytoscape/cytoscape.min.js"))
        }
        _ => return None,
    };
    Some(Asset { content_type, body })
}

/// The JSON the page reads at start: examples and prefixes, safe inside a `<script>`.
fn page_data() -> String {
    let examples: Vec<serde_json::Value> =
        EXAMPLES.iter().map(|(name, query)| serde_json::json!({ "name": name, "query": query })).collect();
    let prefixes: serde_json::Map<String, serde_json::Value> =
        PREFIXES.iter().map(|(prefix, iri)| (prefix.to_string(), iri.to_string().into())).collect();
    let data = serde_json::json!({ "examples": examples, "prefixes": prefixes });
    data.to_string().replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_query_file_is_on_the_page() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries");
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rq") {
                let stem = path.file_stem().unwrap().to_str().unwrap();
                assert!(EXAMPLES.iter().any(|(name, _)| *name == stem), "{stem}.rq is not in page::EXAMPLES");
            }
        }
    }

    #[test]
    fn the_page_holds_the_examples_and_loads_its_scripts() {
        let page = String::from_utf8(index().body.to_vec()).unwrap();
        assert!(!page.contains("{{PAGE_DATA}}"));
        assert!(page.contains("\"name\":\"meetings\""));
        for script in ["/assets/app.js", "/assets/cytoscape.min.js", "/assets/style.css"] {
            assert!(page.contains(script), "{script}");
            assert!(asset(script).is_some(), "{script}");
        }
    }
}
