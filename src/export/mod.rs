//! Export formats: the actor network for graph tools, or the whole graph as RDF.
//!
//! [`Format`] knows each format's name, file extension and media type. Network
//! formats (DOT, SVG and PNG through Graphviz, GraphML, GEXF, CSV) are written
//! from a [`network::Network`] read out of the store, the event table from the
//! event nodes; RDF formats use Oxigraph's serializers directly.

pub mod dot;
pub mod events;
pub mod filter;
pub mod network;
pub mod render;
pub mod scan;
pub mod tables;
pub mod xml;

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Graph, Triple};

use crate::error::StoreError;
use crate::graph::store::GraphStore;
use crate::graph::vocab::PREFIXES;

/// Every export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT of the actor network.
    Dot,
    /// The actor network drawn as SVG by Graphviz `dot`.
    Svg,
    /// The actor network drawn as PNG by Graphviz `dot`.
    Png,
    /// GraphML of the actor network (Gephi, yEd, networkx, igraph).
    Graphml,
    /// GEXF 1.3 of the actor network (Gephi).
    Gexf,
    /// The actor network as a node list and an edge list in CSV.
    Csv,
    /// A GDELT-like CSV table with one row per event: date, actors, CAMEO code,
    /// quad class, Goldstein score, place, source and evidence.
    Events,
    /// The whole graph, all articles merged, as Turtle.
    Turtle,
    /// The whole graph, all articles merged, as N-Triples.
    Ntriples,
    /// Every quad with its article graph, as N-Quads.
    Nquads,
    /// Every quad with its article graph, as TriG.
    Trig,
    /// Every quad with its article graph, as JSON-LD.
    Jsonld,
}

impl Format {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Csv => "csv",
            Format::Events => "events",
            Format::Turtle => "turtle",
            Format::Ntriples => "ntriples",
            Format::Nquads => "nquads",
            Format::Trig => "trig",
            Format::Jsonld => "jsonld",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Csv | Format::Events => "csv",
            Format::Turtle => "ttl",
            Format::Ntriples => "nt",
            Format::Nquads => "nq",
            Format::Trig => "trig",
            Format::Jsonld => "jsonld",
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Dot => "text/vnd.graphviz",
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
            Format::Graphml => "application/graphml+xml",
            Format::Gexf => "application/gexf+xml",
            Format::Csv | Format::Events => "text/csv",
            Format::Turtle => "text/turtle",
            Format::Ntriples => "application/n-triples",
            Format::Nquads => "application/n-quads",
            Format::Trig => "application/trig",
            Format::Jsonld => "application/ld+json",
        }
    }

    /// Finds a format by name or file extension.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim_start_matches('.').to_ascii_lowercase();
        ALL.iter().copied().find(|f| f.name() == name || f.extension() == name)
    }

    /// Whether the format holds the actor network (or its events) rather than RDF.
    pub fn is_network(self) -> bool {
        matches!(
            self,
            Format::Dot
                | Format::Svg
                | Format::Png
                | Format::Graphml
                | Format::Gexf
                | Format::Csv
                | Format::Events
        )
    }

    /// The Oxigraph format for RDF exports.
    pub fn rdf_format(self) -> Option<RdfFormat> {
        match self {
            Format::Turtle => Some(RdfFormat::Turtle),
            Format::Ntriples => Some(RdfFormat::NTriples),
            Format::Nquads => Some(RdfFormat::NQuads),
            Format::Trig => Some(RdfFormat::TriG),
            Format::Jsonld => Some(RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }),
            _ => None,
        }
    }
}

/// All formats, in the order `--help` lists them.
pub const ALL: &[Format] = &[
    Format::Dot,
    Format::Svg,
    Format::Png,
    Format::Graphml,
    Format::Gexf,
    Format::Csv,
    Format::Events,
    Format::Turtle,
    Format::Ntriples,
    Format::Nquads,
    Format::Trig,
    Format::Jsonld,
];

/// Writes the whole store as RDF. Triple formats merge the article graphs into one
/// graph without duplicates; quad formats keep every quad in its graph.
pub fn write_rdf(store: &GraphStore, format: Format, out: &mut dyn Write) -> Result<(), StoreError> {
    let Some(rdf_format) = format.rdf_format() else {
        return Ok(());
    };
    let storage = |source| StoreError::Storage { path: store.path().to_path_buf(), source };
    let io = |err: std::io::Error| storage(oxigraph::store::StorageError::Io(err));
    let mut serializer = RdfSerializer::from_format(rdf_format);
    if matches!(rdf_format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (prefix, iri) in PREFIXES {
            serializer = serializer.with_prefix(*prefix, *iri).expect("the prefixes are valid IRIs");
        }
    }
    let mut writer = serializer.for_writer(out);
    if rdf_format.supports_datasets() {
        for quad in store.inner().iter() {
            writer.serialize_quad(&quad.map_err(storage)?).map_err(io)?;
        }
    } else {
        let mut triples = Graph::new();
        for quad in store.inner().iter() {
            triples.insert(&Triple::from(quad.map_err(storage)?));
        }
        for triple in &triples {
            writer.serialize_triple(triple).map_err(io)?;
        }
    }
    writer.finish().map_err(io)?;
    Ok(())
}
