//! Content negotiation: picks the result format from the request's Accept header.
//!
//! Each kind of result has a list of [`Offer`]s in the server's order of preference;
//! [`choose`] returns the offer the client rates highest (q-values, `type/*`, `*/*`),
//! the first offer when there is no Accept header, and `None` when the client accepts
//! none of them (the handler answers 406).

use crate::query::ResultFormat;

/// A media type the server can produce, and the writer that produces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub media_type: &'static str,
    pub format: ResultFormat,
}

const fn offer(media_type: &'static str, format: ResultFormat) -> Offer {
    Offer { media_type, format }
}

/// What SELECT and ASK results can be sent as; SPARQL JSON first.
pub const SOLUTIONS: &[Offer] = &[
    offer("application/sparql-results+json", ResultFormat::Json),
    offer("application/sparql-results+xml", ResultFormat::Xml),
    offer("text/csv", ResultFormat::Csv),
    offer("text/tab-separated-values", ResultFormat::Tsv),
    offer("application/json", ResultFormat::Json),
    offer("application/xml", ResultFormat::Xml),
    offer("text/xml", ResultFormat::Xml),
];

/// What CONSTRUCT and DESCRIBE results (and graphs) can be sent as; Turtle first.
pub const GRAPHS: &[Offer] = &[
    offer("text/turtle", ResultFormat::Turtle),
    offer("application/n-triples", ResultFormat::Ntriples),
    offer("application/ld+json", ResultFormat::Jsonld),
    offer("text/plain", ResultFormat::Ntriples),
];

/// The offer the Accept header rates highest, earlier offers winning ties.
pub fn choose(accept: Option<&str>, offers: &[Offer]) -> Option<Offer> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else { return offers.first().copied() };
    let ranges: Vec<MediaRange> = accept.split(',').filter_map(MediaRange::parse).collect();
    let mut best: Option<(f32, Offer)> = None;
    for candidate in offers {
        let quality = quality_of(candidate.media_type, &ranges);
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, *candidate));
        }
    }
    best.map(|(_, chosen)| chosen)
}

/// The media types in `offers`, for a 406 message.
pub fn list(offers: &[Offer]) -> String {
    offers.iter().map(|o| o.media_type).collect::<Vec<_>>().join(", ")
}

/// One element of an Accept header: `type/subtype;q=0.5`.
struct MediaRange {
    kind: String,
    subtype: String,
    quality: f32,
}

impl MediaRange {
    fn parse(text: &str) -> Option<MediaRange> {
        let mut parts = text.split(';');
        let (kind, subtype) = parts.next()?.trim().split_once('/')?;
        let mut quality = 1.0;
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=')
                && name.trim().eq_ignore_ascii_case("q")
            {
                quality = value.trim().parse().ok().filter(|q: &f32| (0.0..=1.0).contains(q))?;
            }
        }
        Some(MediaRange {
            kind: kind.trim().to_ascii_lowercase(),
            subtype: subtype.trim().to_ascii_lowercase(),
            quality,
        })
    }

    /// How specifically this range matches `kind/subtype`: 3 exact, 2 `type/*`, 1 `*/*`.
    fn specificity(&self, kind: &str, subtype: &str) -> Option<u8> {
        match (self.kind.as_str(), self.subtype.as_str()) {
            ("*", "*") => Some(1),
            (k, "*") if k == kind => Some(2),
            (k, s) if k == kind && s == subtype => Some(3),
            _ => None,
        }
    }
}

/// The q-value of the most specific range that matches `media_type`; 0 when none does.
fn quality_of(media_type: &str, ranges: &[MediaRange]) -> f32 {
    let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
    ranges
        .iter()
        .filter_map(|range| range.specificity(kind, subtype).map(|s| (s, range.quality)))
        .max_by_key(|(specificity, _)| *specificity)
        .map_or(0.0, |(_, quality)| quality)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(accept: Option<&str>, offers: &[Offer], expected: Option<&str>) {
        assert_eq!(choose(accept, offers).map(|o| o.media_type), expected, "Accept: {accept:?}");
    }

    #[test]
    fn no_accept_header_gets_the_first_offer() {
        check(None, SOLUTIONS, Some("application/sparql-results+json"));
        check(Some(""), GRAPHS, Some("text/turtle"));
    }

    #[test]
    fn an_exact_type_is_chosen() {
        check(Some("text/csv"), SOLUTIONS, Some("text/csv"));
        check(Some("application/sparql-results+xml"), SOLUTIONS, Some("application/sparql-results+xml"));
        check(Some("application/ld+json"), GRAPHS, Some("application/ld+json"));
        check(Some("application/n-triples"), GRAPHS, Some("application/n-triples"));
    }

    #[test]
    fn quality_values_rank_the_choices() {
        check(
            Some("text/csv;q=0.5, text/tab-separated-values"),
            SOLUTIONS,
            Some("text/tab-separated-values"),
        );
        check(
            Some("text/*;q=0.2, application/sparql-results+xml;q=0.9"),
            SOLUTIONS,
            Some("application/sparql-results+xml"),
        );
    }

    #[test]
    fn wildcards_match_in_server_order() {
        check(Some("*/*"), SOLUTIONS, Some("application/sparql-results+json"));
        check(Some("text/*"), SOLUTIONS, Some("text/csv"));
        check(Some("text/html,application/xhtml+xml,*/*;q=0.8"), GRAPHS, Some("text/turtle"));
    }

    #[test]
    fn an_exact_zero_excludes_a_type_a_wildcard_allows() {
        check(
            Some("*/*, application/sparql-results+json;q=0"),
            SOLUTIONS,
            Some("application/sparql-results+xml"),
        );
    }

    #[test]
    fn nothing_acceptable_is_none() {
        check(Some("image/png"), SOLUTIONS, None);
        check(Some("text/csv"), GRAPHS, None);
        check(Some("application/sparql-results+json"), GRAPHS, None);
        check(Some("garbage"), SOLUTIONS, None);
    }
}
