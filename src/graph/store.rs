//! Wraps the on-disk Oxigraph store: open, load the ontology, write articles, run SPARQL.
//!
//! Every article lives in its own named graph, and a graph is always written
//! whole: in one transaction, or by the bulk loader whose commit is atomic, so
//! a crash or Ctrl-C never leaves half an article. Re-writing an article first
//! clears its graph, so building twice stores nothing twice. Queries see the
//! union of all graphs as their default graph.

use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};

use super::model::{article_graph, article_iri};
use super::vocab::{PREFIXES, base, nkg};
use crate::error::{QueryError, StoreError};

/// The ontology files built into the binary, loaded into the ontology graph.
pub const ONTOLOGY_FILES: &[(&str, &str)] = &[
    ("kg.ttl", include_str!("../../ontology/kg.ttl")),
    ("cameo.ttl", include_str!("../../ontology/cameo.ttl")),
    ("predicates.ttl", include_str!("../../ontology/predicates.ttl")),
];

/// What the store knows of an article already written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    pub hash: String,
    pub extractor: String,
}

/// An open newskg store.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
}

impl GraphStore {
    /// Opens the store at `path` for writing, creating it when `create` is set.
    pub fn open(path: &Path, create: bool) -> Result<GraphStore, StoreError> {
        check_folder(path, create)?;
        let store = Store::open(path).map_err(|err| storage_error(path, err))?;
        Ok(GraphStore { store, path: path.to_path_buf() })
    }

    /// Opens an existing store for reading only; it must not be written meanwhile.
    pub fn open_read_only(path: &Path) -> Result<GraphStore, StoreError> {
        check_folder(path, false)?;
        let store = Store::open_read_only(path).map_err(|err| storage_error(path, err))?;
        Ok(GraphStore { store, path: path.to_path_buf() })
    }

    /// An in-memory store, for tests and for `extract` to serialise RDF.
    pub fn in_memory() -> Result<GraphStore, StoreError> {
        let path = PathBuf::from("(memory)");
        let store = Store::new().map_err(|err| storage_error(&path, err))?;
        Ok(GraphStore { store, path })
    }

    /// The underlying Oxigraph store.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the ontology graph with the ontology built into the binary.
    pub fn load_ontology(&self) -> Result<(), StoreError> {
        let graph = NamedNodeRef::new_unchecked(base::ONTOLOGY_GRAPH);
        let mut transaction = self.store.start_transaction().map_err(|e| self.err(e))?;
        transaction.clear_graph(graph).map_err(|e| self.err(e))?;
        for (file, content) in ONTOLOGY_FILES {
            let parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph);
            transaction.load_from_slice(parser, content.as_bytes()).map_err(|err| StoreError::Ontology {
                file: (*file).to_string(),
                message: err.to_string(),
            })?;
        }
        transaction.commit().map_err(|e| self.err(e))
    }

    /// The hash and extractor stored for an article, if it is in the store.
    pub fn stored_article(&self, doc_id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let graph = article_graph(doc_id);
        let article = article_iri(doc_id);
        let value = |property: &str| -> Result<Option<String>, StoreError> {
            let property = NamedNode::new_unchecked(property);
            let mut quads = self.store.quads_for_pattern(
                Some(article.as_ref().into()),
                Some(property.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            );
            match quads.next() {
                Some(Ok(quad)) => Ok(Some(term_text(&quad.object))),
                Some(Err(err)) => Err(self.err(err)),
                None => Ok(None),
            }
        };
        match (value(nkg::CONTENT_HASH)?, value(nkg::EXTRACTOR)?) {
            (Some(hash), Some(extractor)) => Ok(Some(StoredArticle { hash, extractor })),
            _ => Ok(None),
        }
    }

    /// Writes articles, each given as its id and its quads, replacing what was stored for them.
    ///
    /// Small batches go in one transaction. Large batches of articles not yet in
    /// the store go through Oxigraph's bulk loader, whose commit is atomic too.
    pub fn write_articles(&self, articles: &[(String, Vec<Quad>)]) -> Result<(), StoreError> {
        let n_quads: usize = articles.iter().map(|(_, quads)| quads.len()).sum();
        if n_quads < BULK_THRESHOLD {
            return self.write_in_transaction(articles);
        }
        let mut transaction = self.store.start_transaction().map_err(|e| self.err(e))?;
        for (doc_id, _) in articles {
            transaction.remove_named_graph(article_graph(doc_id).as_ref()).map_err(|e| self.err(e))?;
        }
        transaction.commit().map_err(|e| self.err(e))?;
        let mut loader = self.store.bulk_loader().with_max_memory_size_in_megabytes(1024);
        loader
            .load_quads(articles.iter().flat_map(|(_, quads)| quads.iter().cloned()))
            .map_err(|e| self.err(e))?;
        loader.commit().map_err(|e| self.err(e))
    }

    fn write_in_transaction(&self, articles: &[(String, Vec<Quad>)]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction().map_err(|e| self.err(e))?;
        for (doc_id, quads) in articles {
            let graph = article_graph(doc_id);
            transaction.remove_named_graph(graph.as_ref()).map_err(|e| self.err(e))?;
            transaction.insert_named_graph(graph.as_ref());
            transaction.extend(quads.iter());
        }
        transaction.commit().map_err(|e| self.err(e))
    }

    /// Removes an article's graph.
    pub fn remove_article(&self, doc_id: &str) -> Result<(), StoreError> {
        self.store.remove_named_graph(article_graph(doc_id).as_ref()).map_err(|e| self.err(e))
    }

    /// The number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.store.len().map_err(|e| self.err(e))
    }

    /// Whether the store holds no quads.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.store.is_empty().map_err(|e| self.err(e))
    }

    /// Flushes and compacts after a large build.
    pub fn optimize(&self) -> Result<(), StoreError> {
        self.store.optimize().map_err(|e| self.err(e))
    }

    /// Runs a SPARQL query; the default graph is the union of all graphs and the
    /// project's prefixes are predeclared.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, QueryError> {
        query_store(&self.store, sparql)
    }

    fn err(&self, err: StorageError) -> StoreError {
        storage_error(&self.path, err)
    }
}

/// How many quads a batch needs before the bulk loader is used.
const BULK_THRESHOLD: usize = 500_000;

/// Runs a SPARQL query on any Oxigraph store with the project's prefixes.
pub fn query_store(store: &Store, sparql: &str) -> Result<QueryResults<'static>, QueryError> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in PREFIXES {
        evaluator =
            evaluator.with_prefix(*prefix, *iri).map_err(|err| QueryError::Evaluation(err.to_string()))?;
    }
    let mut prepared = evaluator.parse_query(sparql).map_err(|err| QueryError::Syntax(err.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    prepared.on_store(store).execute().map_err(|err| QueryError::Evaluation(err.to_string()))
}

/// The plain text of a literal, or the IRI of a node.
pub fn term_text(term: &Term) -> String {
    match term {
        Term::Literal(literal) => literal.value().to_string(),
        Term::NamedNode(node) => node.as_str().to_string(),
        other => other.to_string(),
    }
}

/// The IRI of a subject, if it is a named node.
pub fn subject_iri(subject: &NamedOrBlankNode) -> Option<&str> {
    match subject {
        NamedOrBlankNode::NamedNode(node) => Some(node.as_str()),
        NamedOrBlankNode::BlankNode(_) => None,
    }
}

fn check_folder(path: &Path, create: bool) -> Result<(), StoreError> {
    if path.is_file() {
        return Err(StoreError::NotAFolder { path: path.to_path_buf() });
    }
    if !path.exists() {
        return if create { Ok(()) } else { Err(StoreError::Missing { path: path.to_path_buf() }) };
    }
    let mut entries = std::fs::read_dir(path)
        .map_err(|err| storage_error(path, StorageError::Io(err)))?
        .flatten()
        .peekable();
    let is_empty = entries.peek().is_none();
    let has_rocksdb = path.join("CURRENT").is_file();
    if is_empty {
        return if create { Ok(()) } else { Err(StoreError::Missing { path: path.to_path_buf() }) };
    }
    if !has_rocksdb {
        return Err(StoreError::NotAStore { path: path.to_path_buf() });
    }
    Ok(())
}

fn storage_error(path: &Path, err: StorageError) -> StoreError {
    let message = err.to_string();
    if message.contains("lock") && (message.contains("LOCK") || message.contains("Resource")) {
        return StoreError::Locked { path: path.to_path_buf() };
    }
    StoreError::Storage { path: path.to_path_buf(), source: err }
}
