//! Wraps the on-disk Oxigraph store: open, load the ontology, write articles, run SPARQL.
//!
//! Every article lives in its own named graph; entity descriptions and direct
//! triples live once in the merged graph. Articles are always written whole: in
//! one transaction, or by the bulk loader whose commit is atomic, so a crash or
//! Ctrl-C never leaves half an article. Re-writing an article replaces its graph
//! and drops the direct triples only it supported, so building twice stores
//! nothing twice. Queries see the union of all graphs as their default graph.

use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::HashSet;

use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, Triple,
};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};

use super::model::{ArticleQuads, article_graph, article_iri, merged_graph};
use super::vocab::{PREFIXES, base, nkg, std_vocab as v};
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

    /// Writes articles, replacing what was stored for them.
    ///
    /// Each article's own graph is replaced whole. Its merged quads are added to the
    /// merged graph (an entity keeps the first label it was given), and direct triples
    /// that only the replaced versions supported are removed. A batch of articles not
    /// yet in the store goes through Oxigraph's bulk loader when it is large; everything
    /// else is one transaction. Both commit atomically.
    pub fn write_articles(&self, articles: &[ArticleQuads]) -> Result<(), StoreError> {
        let mut replaced: HashSet<NamedNode> = HashSet::new();
        for article in articles {
            let graph = article_graph(&article.id);
            if self.store.contains_named_graph(graph.as_ref()).map_err(|e| self.err(e))? {
                replaced.insert(graph);
            }
        }
        let merged = self.new_merged_quads(articles)?;
        let n_quads: usize = articles.iter().map(|a| a.own.len()).sum::<usize>() + merged.len();
        if replaced.is_empty() && n_quads >= BULK_THRESHOLD {
            let mut loader = self.store.bulk_loader().with_max_memory_size_in_megabytes(1024);
            let own = articles.iter().flat_map(|a| a.own.iter().cloned());
            loader.load_quads(own.chain(merged)).map_err(|e| self.err(e))?;
            return loader.commit().map_err(|e| self.err(e));
        }
        let stale = self.stale_direct_triples(&replaced, &merged)?;
        let mut transaction = self.store.start_transaction().map_err(|e| self.err(e))?;
        for graph in &replaced {
            transaction.remove_named_graph(graph.as_ref()).map_err(|e| self.err(e))?;
        }
        for triple in &stale {
            transaction.remove(triple.as_ref().in_graph(GraphNameRef::NamedNode(merged_graph().as_ref())));
        }
        for article in articles {
            transaction.insert_named_graph(article_graph(&article.id).as_ref());
            transaction.extend(article.own.iter());
        }
        transaction.extend(merged.iter());
        transaction.commit().map_err(|e| self.err(e))
    }

    /// The merged quads of a batch, without a second label for an entity that has one.
    fn new_merged_quads(&self, articles: &[ArticleQuads]) -> Result<Vec<Quad>, StoreError> {
        let label = NamedNode::new_unchecked(v::RDFS_LABEL);
        let graph = merged_graph();
        let mut labelled: HashSet<NamedOrBlankNode> = HashSet::new();
        let mut out = Vec::new();
        for quad in articles.iter().flat_map(|a| a.merged.iter()) {
            if quad.predicate == label {
                if labelled.contains(&quad.subject) {
                    continue;
                }
                labelled.insert(quad.subject.clone());
                let existing = self
                    .store
                    .quads_for_pattern(
                        Some(quad.subject.as_ref()),
                        Some(label.as_ref()),
                        None,
                        Some(graph.as_ref().into()),
                    )
                    .next();
                if existing.transpose().map_err(|e| self.err(e))?.is_some() {
                    continue;
                }
            }
            out.push(quad.clone());
        }
        Ok(out)
    }

    /// Direct triples that the replaced graphs supported and no other article does.
    fn stale_direct_triples(
        &self,
        replaced: &HashSet<NamedNode>,
        merged: &[Quad],
    ) -> Result<Vec<Triple>, StoreError> {
        let still_asserted: HashSet<Triple> = merged.iter().map(|q| Triple::from(q.clone())).collect();
        let mut stale = Vec::new();
        for graph in replaced {
            for triple in self.direct_triples_in(graph)? {
                if still_asserted.contains(&triple) || stale.contains(&triple) {
                    continue;
                }
                if !self.supported_elsewhere(&triple, replaced)? {
                    stale.push(triple);
                }
            }
        }
        Ok(stale)
    }

    /// The direct triples that the asserted and planned events of one article graph stand for.
    fn direct_triples_in(&self, graph: &NamedNode) -> Result<Vec<Triple>, StoreError> {
        let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
        let predicate = NamedNode::new_unchecked(nkg::PREDICATE);
        let mut out = Vec::new();
        for quad in self.store.quads_for_pattern(None, Some(predicate.as_ref()), None, in_graph) {
            let quad = quad.map_err(|e| self.err(e))?;
            let Term::NamedNode(relation) = &quad.object else { continue };
            if let Some((actor, target)) = self.event_ends(&quad.subject, graph)? {
                out.push(Triple::new(actor, relation.clone(), target));
            }
        }
        Ok(out)
    }

    /// Actor and target of an asserted or planned event node in `graph`.
    fn event_ends(
        &self,
        event: &NamedOrBlankNode,
        graph: &NamedNode,
    ) -> Result<Option<(NamedNode, Term)>, StoreError> {
        let value = |property: &str| -> Result<Option<Term>, StoreError> {
            let property = NamedNode::new_unchecked(property);
            let in_graph = Some(GraphNameRef::NamedNode(graph.as_ref()));
            let found = self
                .store
                .quads_for_pattern(Some(event.as_ref()), Some(property.as_ref()), None, in_graph)
                .next();
            Ok(found.transpose().map_err(|e| self.err(e))?.map(|q| q.object))
        };
        let certain = matches!(value(nkg::MODALITY)?, Some(Term::Literal(l)) if matches!(l.value(), "asserted" | "planned"));
        match (certain, value(nkg::ACTOR_PROP)?, value(nkg::TARGET)?) {
            (true, Some(Term::NamedNode(actor)), Some(target)) => Ok(Some((actor, target))),
            _ => Ok(None),
        }
    }

    /// Whether an article graph outside `excluded` has an asserted event for `triple`.
    fn supported_elsewhere(
        &self,
        triple: &Triple,
        excluded: &HashSet<NamedNode>,
    ) -> Result<bool, StoreError> {
        let actor = NamedNode::new_unchecked(nkg::ACTOR_PROP);
        let predicate = NamedNode::new_unchecked(nkg::PREDICATE);
        let subject_term = Term::from(triple.subject.clone());
        for quad in
            self.store.quads_for_pattern(None, Some(actor.as_ref()), Some(subject_term.as_ref()), None)
        {
            let quad = quad.map_err(|e| self.err(e))?;
            let GraphName::NamedNode(graph) = &quad.graph_name else { continue };
            if excluded.contains(graph) {
                continue;
            }
            let same_relation = self
                .store
                .contains(QuadRef::new(
                    quad.subject.as_ref(),
                    predicate.as_ref(),
                    triple.predicate.as_ref(),
                    graph.as_ref(),
                ))
                .map_err(|e| self.err(e))?;
            if !same_relation {
                continue;
            }
            if let Some((_, target)) = self.event_ends(&quad.subject, graph)?
                && target == triple.object
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Writes quads with Oxigraph's bulk loader, for large first loads into an
    /// empty store; the commit is atomic. Nothing is merged or replaced.
    pub fn bulk_load(&self, quads: impl IntoIterator<Item = Quad>) -> Result<(), StoreError> {
        let mut loader = self.store.bulk_loader().with_max_memory_size_in_megabytes(1024);
        loader.load_quads(quads).map_err(|e| self.err(e))?;
        loader.commit().map_err(|e| self.err(e))
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
const BULK_THRESHOLD: usize = 100_000;

/// Which graphs a query sees and when it gives up; the default sees everything, always.
#[derive(Clone, Default)]
pub struct QueryOptions {
    /// The graphs merged into the default graph; the union of all graphs when empty.
    pub default_graphs: Vec<NamedNode>,
    /// The named graphs `GRAPH` patterns may use; all of them when empty.
    pub named_graphs: Vec<NamedNode>,
    /// Stops the query with [`QueryError::Cancelled`] once cancelled.
    pub cancellation: Option<CancellationToken>,
}

/// Runs a SPARQL query on any Oxigraph store with the project's prefixes.
pub fn query_store(store: &Store, sparql: &str) -> Result<QueryResults<'static>, QueryError> {
    query_store_with(store, sparql, &QueryOptions::default())
}

/// Runs a SPARQL query with the project's prefixes, a chosen dataset and a cancellation token.
pub fn query_store_with(
    store: &Store,
    sparql: &str,
    options: &QueryOptions,
) -> Result<QueryResults<'static>, QueryError> {
    let mut prepared =
        evaluator(options)?.parse_query(sparql).map_err(|err| QueryError::Syntax(err.to_string()))?;
    let dataset = prepared.dataset_mut();
    if options.default_graphs.is_empty() {
        dataset.set_default_graph_as_union();
    } else {
        dataset.set_default_graph(options.default_graphs.iter().cloned().map(GraphName::from).collect());
    }
    if !options.named_graphs.is_empty() {
        dataset.set_available_named_graphs(
            options.named_graphs.iter().cloned().map(NamedOrBlankNode::from).collect(),
        );
    }
    prepared.on_store(store).execute().map_err(evaluation_error)
}

/// Runs a SPARQL update with the project's prefixes.
pub fn update_store(store: &Store, sparql: &str, options: &QueryOptions) -> Result<(), QueryError> {
    let prepared =
        evaluator(options)?.parse_update(sparql).map_err(|err| QueryError::Syntax(err.to_string()))?;
    prepared.on_store(store).execute().map_err(|err| QueryError::Evaluation(err.to_string()))
}

/// Turns Oxigraph's evaluation error into ours, keeping cancellation apart.
pub fn evaluation_error(err: QueryEvaluationError) -> QueryError {
    match err {
        QueryEvaluationError::Cancelled => QueryError::Cancelled,
        other => QueryError::Evaluation(other.to_string()),
    }
}

fn evaluator(options: &QueryOptions) -> Result<SparqlEvaluator, QueryError> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in PREFIXES {
        evaluator =
            evaluator.with_prefix(*prefix, *iri).map_err(|err| QueryError::Evaluation(err.to_string()))?;
    }
    if let Some(token) = &options.cancellation {
        evaluator = evaluator.with_cancellation_token(token.clone());
    }
    Ok(evaluator)
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
