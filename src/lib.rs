//! newskg builds a knowledge graph of who did what to whom from news articles.
//!
//! The pipeline, one folder or file per stage:
//!
//! 1. [`ingest`] reads articles (seed-format text, JSON Lines, HTML) into [`Document`]s.
//! 2. [`nlp`] splits each article into sentences and tokens with byte offsets.
//! 3. [`extract`] finds entities, roles and actor–event–actor triples with CAMEO
//!    codes, dates and evidence ([`Extractor`], [`RuleExtractor`]).
//! 4. [`graph`] turns each article's extraction into quads in its own named graph
//!    and writes them to an embedded Oxigraph store ([`GraphStore`]).
//! 5. [`query`] answers SPARQL over the store.
//! 6. [`export`] writes the actor network for Graphviz, Gephi and networkx, or the
//!    whole graph as RDF.
//!
//! 7. [`analyze`] computes centralities, communities, dyads and a timeline of the network.
//! 8. [`serve`] answers SPARQL over HTTP and serves a query page.
//!
//! [`build`] runs stages 3 and 4 over a batch, and [`cli`] ties them to the `newskg` command.
//! [`synthetic`] writes large made-up stores with the same model, for benchmarks and tests.

pub mod analyze;
pub mod build;
pub mod cli;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod nlp;
pub mod query;
pub mod serve;
pub mod synthetic;

pub use error::{InputError, NetworkError, QueryError, RenderError, StoreError};
pub use extract::rules::RuleExtractor;
pub use extract::{Entity, EntityClass, Event, Extraction, Extractor, Modality, Role};
pub use graph::store::GraphStore;
pub use ingest::Document;
