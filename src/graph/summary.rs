//! The per-article event summary: a denormalised read index of the article's event nodes.
//!
//! Reading a million event nodes property by property costs several term
//! decodings per event, each a key-value read. So every article graph also holds
//! one literal, `art:ID nkg:eventSummary "…"`, holding as JSON the article's
//! URL and, per event, what the network exports read (ids, verb, CAMEO code,
//! date, modality, place, evidence). It is written and replaced with its article graph by
//! `model::article_quads`, so it agrees with the event nodes by construction;
//! the event nodes stay the source of truth for SPARQL. An edit of the event
//! nodes made by hand (SPARQL UPDATE) does not update it.
//!
//! The literal is `{"url":…,"events":[…]}`. Summaries written before the URL
//! was added are the bare `[…]` of events; they still decode, with the URL
//! unknown, and a reader that needs it reads `schema:url` instead.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One event of an article, as the summary holds it: a JSON array of its fields.
///
/// IRIs are kept as the part after their namespace: `hex` after `base::EVENT`,
/// `subject`, `object` and `place` after `base::ENTITY`, `cameo` after
/// `base::CAMEO`, `relation` after the `nkg:` namespace. Decoding borrows the
/// text fields from the literal when they need no unescaping, so that reading
/// a million events does not copy every field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow<'a>(
    #[serde(borrow)] pub Cow<'a, str>,
    #[serde(borrow)] pub Cow<'a, str>,
    #[serde(borrow)] pub Cow<'a, str>,
    #[serde(borrow)] pub Cow<'a, str>,
    #[serde(borrow)] pub Cow<'a, str>,
    pub Option<NaiveDate>,
    #[serde(borrow)] pub Cow<'a, str>,
    pub Option<String>,
    pub bool,
    #[serde(borrow)] pub Cow<'a, str>,
);

impl SummaryRow<'_> {
    /// The event IRI's local part.
    pub fn hex(&self) -> &str {
        &self.0
    }
    /// The acting entity's IRI local part.
    pub fn subject(&self) -> &str {
        &self.1
    }
    /// The target entity's IRI local part.
    pub fn object(&self) -> &str {
        &self.2
    }
    /// The controlled verb (`meets`).
    pub fn relation(&self) -> &str {
        &self.3
    }
    /// The CAMEO code, as in its IRI.
    pub fn cameo(&self) -> &str {
        &self.4
    }
    pub fn date(&self) -> Option<NaiveDate> {
        self.5
    }
    /// `asserted`, `negated`, `planned` or `hypothetical`.
    pub fn modality(&self) -> &str {
        &self.6
    }
    /// The place entity's IRI local part.
    pub fn place(&self) -> Option<&str> {
        self.7.as_deref()
    }
    pub fn symmetric(&self) -> bool {
        self.8
    }
    /// The evidence sentence.
    pub fn evidence(&self) -> &str {
        &self.9
    }
    /// The evidence sentence, taken out of the row.
    pub fn into_evidence(self) -> String {
        self.9.into_owned()
    }
}

/// An article's summary, as read back (borrowing from the literal).
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSummary<'a> {
    /// The article's URL as the summary records it: `Some(None)` when the
    /// article has none, `None` when the summary is of the older kind that
    /// does not record it.
    pub url: Option<Option<String>>,
    pub events: Vec<SummaryRow<'a>>,
}

/// The literal as written: the URL, then the events.
#[derive(Serialize, Deserialize)]
struct Stored<U, R> {
    url: Option<U>,
    events: R,
}

/// The summary literal for an article with this URL and these events.
pub fn encode(url: Option<&str>, rows: &[SummaryRow]) -> String {
    serde_json::to_string(&Stored { url, events: rows }).expect("summary rows serialise")
}

/// The URL and events of a summary literal, of either kind.
pub fn decode(text: &str) -> Result<ArticleSummary<'_>, serde_json::Error> {
    if text.trim_start().starts_with('[') {
        return Ok(ArticleSummary { url: None, events: serde_json::from_str(text)? });
    }
    let stored: Stored<String, Vec<SummaryRow<'_>>> = serde_json::from_str(text)?;
    Ok(ArticleSummary { url: Some(stored.url), events: stored.events })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip() {
        let date = NaiveDate::from_ymd_opt(2024, 3, 1);
        let rows = vec![
            SummaryRow(
                "ab12".into(),
                "marco-rubio".into(),
                "country-fra".into(),
                "meets".into(),
                "040".into(),
                date,
                "asserted".into(),
                None,
                true,
                "He met \"them\"\tthere.\n".into(),
            ),
            SummaryRow(
                "cd34".into(),
                "a".into(),
                "b".into(),
                "attacks".into(),
                "190".into(),
                None,
                "negated".into(),
                Some("paris".into()),
                false,
                "".into(),
            ),
        ];
        let url = "https://example.org/a?b=\"c\"";
        let text = encode(Some(url), &rows);
        assert_eq!(
            decode(&text).unwrap(),
            ArticleSummary { url: Some(Some(url.to_string())), events: rows.clone() }
        );
        let text = encode(None, &[]);
        assert_eq!(decode(&text).unwrap(), ArticleSummary { url: Some(None), events: vec![] });
        // A summary written before the URL was added: the bare list of events.
        let old = serde_json::to_string(&rows).unwrap();
        assert_eq!(decode(&old).unwrap(), ArticleSummary { url: None, events: rows });
        assert_eq!(decode("[]").unwrap(), ArticleSummary { url: None, events: vec![] });
    }

    #[test]
    fn decoding_borrows_fields_without_escapes() {
        let text = r#"{"url":null,"events":[["ab12","a","b","meets","040",null,"asserted",null,true,"He said \"no\"."]]}"#;
        let summary = decode(text).unwrap();
        let row = &summary.events[0];
        assert!(matches!(row.0, Cow::Borrowed("ab12")) && matches!(row.3, Cow::Borrowed("meets")));
        assert_eq!(row.evidence(), "He said \"no\".");
    }
}
