//! Runs SPARQL against the store and writes the results: standard formats or a terminal table.
//!
//! SELECT and ASK results go out as SPARQL JSON, XML, CSV or TSV through
//! Oxigraph's serializers, or as an aligned table for people. CONSTRUCT and
//! DESCRIBE results go out as Turtle, N-Triples or JSON-LD. The table shortens
//! IRIs with the project's prefixes (`ent:marco-rubio`).

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use crate::error::QueryError;
use crate::graph::store::evaluation_error;
use crate::graph::vocab::PREFIXES;

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// An aligned table with shortened IRIs (Turtle for CONSTRUCT and DESCRIBE).
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    Ntriples,
    Jsonld,
}

/// Writes `results` to `out` in `format`.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let output_err = |err: std::io::Error| QueryError::Output(err.to_string());
    match results {
        QueryResults::Boolean(value) => match solutions_format(format) {
            Some(results_format) => {
                QueryResultsSerializer::from_format(results_format)
                    .serialize_boolean_to_writer(out, value)
                    .map_err(output_err)?;
                Ok(())
            }
            None => writeln!(out, "{value}").map_err(output_err),
        },
        QueryResults::Solutions(solutions) => match solutions_format(format) {
            Some(results_format) => {
                let variables = solutions.variables().to_vec();
                let mut writer = QueryResultsSerializer::from_format(results_format)
                    .serialize_solutions_to_writer(out, variables)
                    .map_err(output_err)?;
                for solution in solutions {
                    let solution = solution.map_err(evaluation_error)?;
                    writer.serialize(&solution).map_err(output_err)?;
                }
                writer.finish().map_err(output_err)?;
                Ok(())
            }
            None => {
                let header: Vec<String> =
                    solutions.variables().iter().map(|v| v.as_str().to_string()).collect();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(evaluation_error)?;
                    let row = solution
                        .values()
                        .iter()
                        .map(|value| value.as_ref().map(short_term).unwrap_or_default())
                        .collect();
                    rows.push(row);
                }
                write_table(out, &header, &rows).map_err(output_err)
            }
        },
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                ResultFormat::Ntriples | ResultFormat::Csv | ResultFormat::Tsv => RdfFormat::NTriples,
                ResultFormat::Jsonld | ResultFormat::Json => {
                    RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }
                }
                _ => RdfFormat::Turtle,
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format == RdfFormat::Turtle {
                for (prefix, iri) in PREFIXES {
                    serializer = serializer
                        .with_prefix(*prefix, *iri)
                        .map_err(|e| QueryError::Output(e.to_string()))?;
                }
            }
            let mut writer = serializer.for_writer(out);
            for triple in triples {
                let triple = triple.map_err(evaluation_error)?;
                writer.serialize_triple(&triple).map_err(output_err)?;
            }
            writer.finish().map_err(output_err)?;
            Ok(())
        }
    }
}

fn solutions_format(format: ResultFormat) -> Option<QueryResultsFormat> {
    match format {
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Json | ResultFormat::Jsonld => Some(QueryResultsFormat::Json),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        ResultFormat::Table | ResultFormat::Turtle | ResultFormat::Ntriples => None,
    }
}

/// A term as a person reads it: prefixed IRIs, plain literal values.
pub fn short_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => shorten_iri(node.as_str()),
        Term::Literal(literal) => literal.value().to_string(),
        other => other.to_string(),
    }
}

/// Shortens an IRI with the first matching project prefix.
pub fn shorten_iri(iri: &str) -> String {
    for (prefix, namespace) in PREFIXES {
        if let Some(local) = iri.strip_prefix(namespace) {
            if !local.is_empty() && !local.contains(['/', '#']) {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

/// Writes rows as an aligned, pipe-separated table with a header rule.
pub fn write_table(out: &mut dyn Write, header: &[String], rows: &[Vec<String>]) -> std::io::Result<()> {
    const MAX_CELL: usize = 80;
    let cell = |text: &str| -> String {
        let flat = text.replace(['\n', '\r', '\t'], " ");
        if flat.chars().count() > MAX_CELL {
            let cut: String = flat.chars().take(MAX_CELL - 1).collect();
            format!("{cut}…")
        } else {
            flat
        }
    };
    let header: Vec<String> = header.iter().map(|h| cell(h)).collect();
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cell(c)).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, value) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(value.chars().count());
            }
        }
    }
    let line = |values: &[String]| -> String {
        let cells: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v}{}", " ".repeat(w - v.chars().count())))
            .collect();
        cells.join(" | ").trim_end().to_string()
    };
    writeln!(out, "{}", line(&header))?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("-+-"))?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })
}
