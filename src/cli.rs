//! The command line: `build`, `extract`, `query`, `export`, `analyze`, `stats`, `serve`, `parse` and `model`.
//!
//! Arguments are declared with clap's derive API; the `///` comments are the
//! `--help` text. Each command is a function that returns the process exit
//! status: 0 when all went well, 1 when inputs were skipped or a command
//! failed, 2 for a malformed SPARQL query or bad usage. Output goes to stdout,
//! diagnostics to stderr.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::{Graph, Triple};

use crate::analyze::CommunityMethod;
use crate::build::build_store;
use crate::error::QueryError;
use crate::export::filter::NetworkFilter;
use crate::export::{self, Format, network};
use crate::extract::gazetteer::Gazetteer;
use crate::extract::jsonl::{self, JsonlOptions};
use crate::extract::lexicon;
use crate::extract::ner_eval;
use crate::extract::rules::RuleExtractor;
use crate::extract::{Extraction, Extractor};
use crate::graph::model::article_quads;
use crate::graph::store::GraphStore;
use crate::ingest::{self, Document, ReadOptions};
use crate::nlp::conllu::{self, ConlluSentence};
use crate::nlp::eval::evaluate_segmentation;
use crate::nlp::model;
use crate::nlp::past_forms;
use crate::nlp::pipeline::{self, Pipeline, TrainOptions};
use crate::query::{self, ResultFormat};
use crate::serve::ServeOptions;

/// Builds a knowledge graph of who did what to whom from news articles.
///
/// Read articles with `build`, ask questions in SPARQL with `query`, draw the
/// actor network with `export --format dot | dot -Tsvg`.
#[derive(Debug, Parser)]
#[command(name = "newskg", version, about, long_about = None)]
pub struct Args {
    /// The store folder (created by `build`).
    #[arg(long, global = true, env = "NEWSKG_STORE", default_value = "newskg-store")]
    pub store: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reads articles, extracts entities, events and roles, and stores them.
    ///
    /// INPUTS are files, folders (read recursively) or `-` for standard input:
    /// text files whose first line may be `date YYYY-MM-DD Title`, JSON Lines
    /// with `id` and `text`, or HTML pages. Building again is incremental: an
    /// unchanged article is skipped, a changed one replaces its old graph.
    /// Bad inputs are reported as FILE:LINE and skipped; the exit status is
    /// then 1, and everything else is stored.
    Build {
        /// Files, folders or `-`.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The date of articles that do not state one (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date_arg)]
        date: Option<NaiveDate>,
        /// Re-extract every article, even unchanged ones.
        #[arg(long)]
        force: bool,
        /// Which actors to extract: named ones, or also unnamed groups known by
        /// country and sector ("Afghan rebels" → AFGREB), as event data codes them.
        #[arg(long, value_enum, default_value = "named")]
        actors: ActorMode,
    },
    /// Extracts without a store and writes the result to standard output.
    ///
    /// `--format jsonl` writes the JSON Lines that ../shared/eval/score.py reads;
    /// the RDF formats write what `build` would store.
    Extract {
        /// Files, folders or `-`.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        /// The date of articles that do not state one (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date_arg)]
        date: Option<NaiveDate>,
        /// Also write negated and hypothetical events.
        #[arg(long)]
        include_uncertain: bool,
        /// Which actors to extract: named ones, or also unnamed groups known by
        /// country and sector ("Afghan rebels" → AFGREB), as event data codes them.
        #[arg(long, value_enum, default_value = "named")]
        actors: ActorMode,
    },
    /// Runs a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) against the store.
    ///
    /// The default graph is the union of all article graphs and the ontology;
    /// the prefixes nkg:, ent:, cameo:, rdfs:, skos:, dcterms: and others are
    /// predeclared. A malformed query exits with status 2.
    Query {
        /// The query text; use --file to read it from a file.
        sparql: Option<String>,
        /// A file holding the query (`-` for standard input).
        #[arg(long, short)]
        file: Option<PathBuf>,
        /// Output format; a table on a terminal, TSV otherwise.
        #[arg(long, value_enum)]
        format: Option<ResultFormat>,
    },
    /// Exports the actor network (dot, svg, png, graphml, gexf, csv), its events
    /// (events) or the whole graph as RDF.
    ///
    /// In the network, entities are nodes and events are folded into one edge
    /// per (actor, target, verb) with counts, CAMEO code, quad class, mean
    /// Goldstein score and first and last dates. Negated and hypothetical
    /// events are left out unless --include-uncertain is given. The filters
    /// apply to every network format and to the event table; svg and png need
    /// Graphviz's `dot`.
    Export {
        /// The format.
        #[arg(long, value_enum, default_value = "dot")]
        format: Format,
        /// Write to this file instead of standard output (for csv: a folder that gets nodes.csv and edges.csv).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Keep negated and hypothetical events in the network.
        #[arg(long)]
        include_uncertain: bool,
        /// For dot, svg and png: draw each community (found as `analyze` finds
        /// them, see --communities) as a Graphviz cluster.
        #[arg(long)]
        cluster: bool,
        /// With --cluster: how to find the communities.
        #[arg(long, value_enum, value_name = "METHOD", default_value = "louvain", requires = "cluster")]
        communities: CommunityMethod,
        #[command(flatten)]
        filter: NetworkFilter,
    },
    /// Analyses the actor network: centralities, communities, dyads and a weekly timeline.
    ///
    /// Per actor: degree, weighted degree (events), PageRank (weighted by event
    /// count) and betweenness (exact up to 2000 actors, estimated from 256
    /// seeded sources above). Communities come from Louvain modularity
    /// optimisation (or label propagation) with a fixed seed. Dyads are ranked by event count and by the sum of Goldstein
    /// scores (cooperation against conflict). The export filters apply.
    Analyze {
        /// A readable table, JSON with every value, or CSV with one row per actor.
        #[arg(long, value_enum, default_value = "table")]
        format: AnalyzeFormat,
        /// How many rows each table shows.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Keep negated and hypothetical events in the network.
        #[arg(long)]
        include_uncertain: bool,
        /// How to find communities.
        #[arg(long, value_enum, value_name = "METHOD", default_value = "louvain")]
        communities: CommunityMethod,
        #[command(flatten)]
        filter: NetworkFilter,
    },
    /// Counts articles, entities by class, events by CAMEO root, and quads.
    Stats,
    /// Serves the store: a SPARQL 1.1 endpoint at /sparql and a query page at /.
    ///
    /// Queries by GET /sparql?query=…, POST form or POST application/sparql-query;
    /// results as SPARQL JSON, XML, CSV or TSV (Turtle, N-Triples or JSON-LD for
    /// CONSTRUCT and DESCRIBE) by the Accept header. GET /store?graph=IRI (or
    /// ?default) returns a graph. The server holds the store's lock: stop it to
    /// run `newskg build`, then start it again. Stop it with Ctrl-C.
    Serve {
        /// The address and port to listen on (port 0 picks a free one).
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Seconds a query may run before it is stopped and answered with 503.
        #[arg(long, default_value = "30", value_parser = parse_seconds)]
        timeout: Duration,
        /// Seconds a socket read or write waits for a slow client before giving up.
        #[arg(long, default_value = "30", value_parser = parse_seconds)]
        socket_timeout: Duration,
        /// The largest request body accepted, in bytes; larger ones get 413.
        #[arg(long, default_value_t = 1 << 20)]
        max_body_bytes: u64,
        /// How many connections are served at once.
        #[arg(long, default_value_t = 64)]
        max_connections: usize,
        /// Accept SPARQL Update (POST application/sparql-update); read-only otherwise.
        #[arg(long)]
        allow_update: bool,
        /// Allow pages from any origin to query (Access-Control-Allow-Origin: *).
        #[arg(long)]
        cors: bool,
        /// Megabytes of responses kept to answer repeated queries; 0 turns the cache off.
        #[arg(long, default_value_t = 64)]
        cache_mb: usize,
    },
    /// Splits articles into sentences, tags and parses them, and prints CoNLL-U.
    ///
    /// INPUTS are read like `build`'s (text, JSON Lines, HTML, folders, `-`). Each
    /// article opens with `# newdoc id`, each sentence has `# sent_id` and `# text`;
    /// MISC holds `SpaceAfter=No` and `TokenRange=START:END` in characters from the
    /// start of the article body. FEATS and DEPS are `_`.
    Parse {
        /// Files, folders or `-`.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// A model file to use instead of the shipped one.
        #[arg(long, env = "NEWSKG_MODEL")]
        model: Option<PathBuf>,
    },
    /// Trains or scores the grammar model (tagger, lemmatiser and parser).
    Model {
        #[command(subcommand)]
        command: ModelCommand,
    },
}

/// The `model` subcommands.
#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Trains the model on the Universal Dependencies train splits and writes it.
    ///
    /// Uses EWT and the CC BY / public-domain GUM genres, the settings of the
    /// shipped `models/en_news.bin`, and prints EWT and GUM dev scores at the end.
    /// Takes about 6 minutes on 2 cores in a release build.
    Train {
        /// The UD folder (with `ewt/` and `gum/`, see its README).
        #[arg(long, default_value = "../shared/data/ud")]
        ud: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "en_news.bin")]
        out: PathBuf,
    },
    /// Rewrites a model with its features in order of use on the UD train splits.
    ///
    /// `model train` already does this; this applies it to an existing model file.
    /// The weights and so every output stay the same, but the most used features are
    /// packed together in memory, which makes tagging and parsing faster.
    Order {
        /// The UD folder (with `ewt/` and `gum/`, see its README).
        #[arg(long, default_value = "../shared/data/ud")]
        ud: PathBuf,
        /// The model file to rewrite.
        #[arg(long)]
        model: PathBuf,
        /// Where to write the reordered model.
        #[arg(long)]
        out: PathBuf,
    },
    /// Writes the irregular past forms that the tagger reads only as verbs.
    ///
    /// Computes `models/past_forms.tsv` from the UD train splits (those `model train`
    /// uses) and the irregular verbs of the event lexicon; see `src/nlp/past_forms.rs`.
    /// The binary embeds the list, so rebuild after writing it.
    PastForms {
        /// The UD folder (with `ewt/` and `gum/`, see its README).
        #[arg(long, default_value = "../shared/data/ud")]
        ud: PathBuf,
        /// Where to write the list.
        #[arg(long, default_value = "models/past_forms.tsv")]
        out: PathBuf,
    },
    /// Scores the model on a gold CoNLL-U file, using its tokenization.
    ///
    /// Prints UPOS, XPOS and lemma accuracy, UAS, LAS (all words, punctuation
    /// included) and single-thread speed; the last line is
    /// `upos=… xpos=… lemma=… uas=… las=… tokens_per_sec=…`. With --segment it
    /// scores the tokenizer and sentence splitter instead, on the `# text` lines.
    Eval {
        /// A CoNLL-U file with gold annotation.
        file: PathBuf,
        /// A model file to use instead of the shipped one.
        #[arg(long, env = "NEWSKG_MODEL")]
        model: Option<PathBuf>,
        /// Score tokenization and sentence boundaries (token F1, boundary F1; a
        /// document's end is not counted as a boundary).
        #[arg(long)]
        segment: bool,
    },
    /// Scores the entity recogniser on Universal NER gold (IOB2, PER/ORG/LOC).
    ///
    /// Each document is rebuilt from its `# text` lines with the gold tokens, and the
    /// mention finder runs on it with the grammar model. PERSON counts as PER, ORG as
    /// ORG, COUNTRY and PLACE as LOC; a span is right when both ends and the class
    /// match. Prints precision, recall and F1 per class and overall; the last line is
    /// `per_p=… per_r=… per_f1=… org_… loc_… all_p=… all_r=… all_f1=… gold=… predicted=…`.
    EvalNer {
        /// A UNER IOB2 file, such as ../shared/data/ud/uner-ewt/en_ewt-ud-dev.iob2.
        file: PathBuf,
        /// A model file to use instead of the shipped one.
        #[arg(long, env = "NEWSKG_MODEL")]
        model: Option<PathBuf>,
        /// Also print every mistake (missed, spurious, boundary, class) with its sentence.
        #[arg(long)]
        errors: bool,
    },
}

/// What `analyze` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    Table,
    Json,
    Csv,
}

/// Which actors `build` and `extract` look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActorMode {
    /// Named people, countries, organisations and places (what the gold set annotates).
    Named,
    /// Those, and unnamed groups known by country and sector ("Afghan rebels",
    /// "demonstrators in Baghdad"), as CAMEO and Phoenix event data code them.
    Groups,
}

impl ActorMode {
    fn extractor(self) -> &'static RuleExtractor {
        match self {
            ActorMode::Named => RuleExtractor::shared(),
            ActorMode::Groups => RuleExtractor::shared_with_groups(),
        }
    }
}

/// What `extract` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
}

fn parse_seconds(raw: &str) -> Result<Duration, String> {
    let seconds: f64 = raw.parse().map_err(|_| format!("expected a number of seconds, got {raw:?}"))?;
    if !(seconds > 0.0 && seconds.is_finite()) {
        return Err(format!("expected a positive number of seconds, got {raw:?}"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

fn parse_date_arg(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| format!("expected YYYY-MM-DD, got {raw:?}"))
}

/// Runs the command and returns the exit status.
pub fn run(args: Args) -> ExitCode {
    let result = match args.command {
        Command::Build { inputs, date, force, actors } => {
            build(&args.store, &inputs, date, force, actors.extractor())
        }
        Command::Extract { inputs, format, date, include_uncertain, actors } => {
            extract(&inputs, format, date, include_uncertain, actors.extractor())
        }
        Command::Query { sparql, file, format } => query(&args.store, sparql, file, format),
        Command::Export { format, out, include_uncertain, cluster, communities, filter } => {
            let options = network::NetworkOptions { include_uncertain, filter };
            export(&args.store, format, out.as_deref(), &options, cluster.then_some(communities))
        }
        Command::Analyze { format, top, include_uncertain, communities, filter } => {
            let options = network::NetworkOptions { include_uncertain, filter };
            analyze(&args.store, format, top, &options, communities)
        }
        Command::Stats => stats(&args.store),
        Command::Serve {
            bind,
            timeout,
            socket_timeout,
            max_body_bytes,
            max_connections,
            allow_update,
            cors,
            cache_mb,
        } => {
            let options = ServeOptions {
                bind,
                query_timeout: timeout,
                socket_timeout,
                max_body_bytes,
                max_connections,
                allow_update,
                cors,
                cache_bytes: cache_mb << 20,
            };
            crate::serve::serve(&args.store, options).map(|()| ExitCode::SUCCESS)
        }
        Command::Parse { inputs, model } => parse(&inputs, model.as_deref()),
        Command::Model { command: ModelCommand::Train { ud, out } } => model_train(&ud, &out),
        Command::Model { command: ModelCommand::Order { ud, model, out } } => model_order(&ud, &model, &out),
        Command::Model { command: ModelCommand::PastForms { ud, out } } => model_past_forms(&ud, &out),
        Command::Model { command: ModelCommand::Eval { file, segment: true, .. } } => segment_eval(&file),
        Command::Model { command: ModelCommand::Eval { file, model, segment: false } } => {
            model_eval(&file, model.as_deref())
        }
        Command::Model { command: ModelCommand::EvalNer { file, model, errors } } => {
            ner_eval(&file, model.as_deref(), errors)
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if let Some(QueryError::Syntax(_)) = err.downcast_ref::<QueryError>() {
                eprintln!("error: {err}");
                return ExitCode::from(2);
            }
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn read_batch(inputs: &[PathBuf], date: Option<NaiveDate>) -> ingest::Batch {
    let batch = ingest::read_inputs(inputs, &ReadOptions { default_date: date });
    for warning in &batch.warnings {
        eprintln!("{warning}");
    }
    for error in &batch.errors {
        eprintln!("{error}");
    }
    batch
}

fn build(
    store_path: &Path,
    inputs: &[PathBuf],
    date: Option<NaiveDate>,
    force: bool,
    extractor: &RuleExtractor,
) -> Result<ExitCode> {
    let started = Instant::now();
    let batch = read_batch(inputs, date);
    let store = GraphStore::open(store_path, true)?;
    store.load_ontology()?;
    let progress = progress_bar(batch.documents.len() as u64);
    let summary = build_store(&store, &batch.documents, extractor, force, &|| progress.inc(1))?;
    progress.finish_and_clear();
    let n_quads = store.len()?;
    eprintln!(
        "built {} articles ({} new or changed, {} unchanged, {} skipped): {} entities, {} events, {n_quads} quads in store, {:.1} s",
        batch.documents.len(),
        summary.written,
        summary.unchanged,
        batch.errors.len(),
        summary.entities,
        summary.events,
        started.elapsed().as_secs_f64()
    );
    Ok(exit_for(&batch))
}

fn progress_bar(len: u64) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} articles ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

fn exit_for(batch: &ingest::Batch) -> ExitCode {
    if batch.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn extract(
    inputs: &[PathBuf],
    format: ExtractFormat,
    date: Option<NaiveDate>,
    include_uncertain: bool,
    extractor: &RuleExtractor,
) -> Result<ExitCode> {
    let batch = read_batch(inputs, date);
    let extractions = crate::extract::extract_all(extractor, &batch.documents);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        ExtractFormat::Jsonl => {
            let options = JsonlOptions { include_uncertain };
            for (doc, extraction) in batch.documents.iter().zip(&extractions) {
                jsonl::write_article(&mut out, doc, extraction, options)?;
            }
        }
        rdf => write_extraction_rdf(&mut out, rdf, &batch.documents, &extractions, extractor.version())?,
    }
    out.flush()?;
    Ok(exit_for(&batch))
}

fn write_extraction_rdf(
    out: &mut dyn Write,
    format: ExtractFormat,
    docs: &[Document],
    extractions: &[Extraction],
    version: &str,
) -> Result<()> {
    let export_format = match format {
        ExtractFormat::Turtle => Format::Turtle,
        ExtractFormat::Ntriples => Format::Ntriples,
        ExtractFormat::Nquads => Format::Nquads,
        ExtractFormat::Trig => Format::Trig,
        ExtractFormat::Jsonl | ExtractFormat::Jsonld => Format::Jsonld,
    };
    let rdf_format = export_format.rdf_format().context("not an RDF format")?;
    let mut serializer = oxigraph::io::RdfSerializer::from_format(rdf_format);
    for (prefix, iri) in crate::graph::vocab::PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri)?;
    }
    let mut writer = serializer.for_writer(out);
    let quads = docs.iter().zip(extractions).flat_map(|(doc, ex)| {
        let quads = article_quads(doc, ex, version);
        quads.own.into_iter().chain(quads.merged)
    });
    if rdf_format.supports_datasets() {
        for quad in quads {
            writer.serialize_quad(&quad)?;
        }
    } else {
        let mut graph = Graph::new();
        for quad in quads {
            graph.insert(&Triple::from(quad));
        }
        for triple in &graph {
            writer.serialize_triple(triple)?;
        }
    }
    writer.finish()?;
    Ok(())
}

fn query(
    store_path: &Path,
    sparql: Option<String>,
    file: Option<PathBuf>,
    format: Option<ResultFormat>,
) -> Result<ExitCode> {
    let text = match (sparql, file) {
        (Some(text), None) => text,
        (None, Some(path)) if path.as_os_str() == "-" => io::read_to_string(io::stdin())?,
        (None, Some(path)) => {
            std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?
        }
        (Some(_), Some(_)) => anyhow::bail!("give the query either as an argument or with --file, not both"),
        (None, None) => anyhow::bail!("no query: give it as an argument or with --file Q.rq"),
    };
    let store = GraphStore::open(store_path, false)?;
    let results = store.query(&text)?;
    let format =
        format.unwrap_or(if io::stdout().is_terminal() { ResultFormat::Table } else { ResultFormat::Tsv });
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    query::write_results(results, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn export(
    store_path: &Path,
    format: Format,
    out_path: Option<&Path>,
    options: &network::NetworkOptions,
    cluster: Option<CommunityMethod>,
) -> Result<ExitCode> {
    let store = GraphStore::open(store_path, false)?;
    if !format.is_network() {
        let mut out = output(out_path)?;
        export::write_rdf(&store, format, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let selection = network::read_selection(&store, options)?;
    let graph = &selection.network;
    warn_if_empty(graph, options);
    let communities = cluster.map(|method| crate::analyze::communities_of(graph, method));
    let write_dot =
        |out: &mut dyn Write| export::dot::write_dot_clustered(graph, communities.as_deref(), out);
    match format {
        Format::Csv => match out_path {
            Some(folder) => {
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
                export::tables::write_nodes_csv(graph, &mut File::create(folder.join("nodes.csv"))?)?;
                export::tables::write_edges_csv(graph, &mut File::create(folder.join("edges.csv"))?)?;
            }
            None => {
                let mut out = output(None)?;
                export::tables::write_nodes_csv(graph, &mut out)?;
                writeln!(out)?;
                export::tables::write_edges_csv(graph, &mut out)?;
                out.flush()?;
            }
        },
        Format::Events => {
            let mut out = output(out_path)?;
            export::events::write_events_csv(&store, &selection, &mut out)?;
            out.flush()?;
        }
        Format::Svg | Format::Png => {
            let mut dot = Vec::new();
            write_dot(&mut dot)?;
            let picture = export::render::render(dot, format.name())?;
            let mut out = output(out_path)?;
            out.write_all(&picture)?;
            out.flush()?;
        }
        _ => {
            let mut out = output(out_path)?;
            match format {
                Format::Dot => write_dot(&mut out)?,
                Format::Graphml => export::xml::write_graphml(graph, &mut out)?,
                _ => export::xml::write_gexf(graph, &mut out)?,
            }
            out.flush()?;
        }
    }
    // On a large store the selection is millions of small strings: freeing them
    // one by one takes about a second, and the process is about to end.
    std::mem::forget(selection);
    Ok(ExitCode::SUCCESS)
}

fn analyze(
    store_path: &Path,
    format: AnalyzeFormat,
    top: usize,
    options: &network::NetworkOptions,
    method: CommunityMethod,
) -> Result<ExitCode> {
    let store = GraphStore::open(store_path, false)?;
    let selection = network::read_selection(&store, options)?;
    warn_if_empty(&selection.network, options);
    let analysis = crate::analyze::analyze(&selection, method);
    let mut out = output(None)?;
    match format {
        AnalyzeFormat::Table => crate::analyze::write_table(&analysis, top, &mut out)?,
        AnalyzeFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &analysis)?;
            writeln!(out)?;
        }
        AnalyzeFormat::Csv => crate::analyze::write_csv(&analysis, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn warn_if_empty(graph: &network::Network, options: &network::NetworkOptions) {
    if graph.node_count() > 0 {
        return;
    }
    if options.filter.is_active() {
        eprintln!("warning: the network is empty (no events match the filters)");
    } else {
        eprintln!("warning: the network is empty (no events in the store)");
    }
}

fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout())),
    })
}

const STATS_ARTICLES: &str = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a nkg:Article }";
const STATS_CLASSES: &str = "SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a nkg:Actor ; a ?class . FILTER(?class IN (nkg:Person, nkg:Country, nkg:Organization, nkg:Place, nkg:Group))
} GROUP BY ?class ORDER BY ?class";
const STATS_ROOTS: &str = "SELECT ?root (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a nkg:Event ; nkg:eventType ?type .
  BIND(SUBSTR(STRAFTER(STR(?type), STR(cameo:)), 1, 2) AS ?root)
  OPTIONAL { ?rootConcept skos:notation ?root ; skos:prefLabel ?label }
} GROUP BY ?root ORDER BY ?root";

fn stats(store_path: &Path) -> Result<ExitCode> {
    let store = GraphStore::open(store_path, false)?;
    let articles = network::select(&store, STATS_ARTICLES)?;
    let n_articles = articles.first().and_then(|r| r[0].clone()).unwrap_or_default();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "articles: {n_articles}")?;
    writeln!(out, "quads:    {}", store.len()?)?;
    writeln!(out, "\nentities by class")?;
    let rows: Vec<Vec<String>> = network::select(&store, STATS_CLASSES)?
        .into_iter()
        .map(|r| {
            let class = r[0].clone().unwrap_or_default();
            vec![class.rsplit('#').next().unwrap_or("").to_string(), r[1].clone().unwrap_or_default()]
        })
        .collect();
    query::write_table(&mut out, &["class".into(), "entities".into()], &rows)?;
    writeln!(out, "\nevents by CAMEO root")?;
    let rows: Vec<Vec<String>> = network::select(&store, STATS_ROOTS)?
        .into_iter()
        .map(|r| r.into_iter().map(Option::unwrap_or_default).collect())
        .collect();
    query::write_table(&mut out, &["root".into(), "name".into(), "events".into()], &rows)?;
    Ok(ExitCode::SUCCESS)
}

fn parse(inputs: &[PathBuf], model_path: Option<&Path>) -> Result<ExitCode> {
    let model = model::load(model_path)?;
    let batch = read_batch(inputs, None);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for doc in &batch.documents {
        conllu::write_parsed(&mut out, &doc.id, &doc.text, &model)?;
    }
    out.flush()?;
    Ok(exit_for(&batch))
}

/// The tagger and parser weight thresholds used while training the shipped model.
const SHIPPED_TRAIN_MIN_WEIGHTS: (f32, f32) = (0.3, 1.0);

fn model_train(ud_dir: &Path, out_path: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let ewt_dev = read_gold(&ud_dir.join("ewt/en_ewt-ud-dev.conllu"))?;
    // The shipped model was trained with lower pruning thresholds, then pruned to the defaults.
    let defaults = TrainOptions::default();
    let mut options = TrainOptions { verbose: true, dev: ewt_dev.clone(), ..TrainOptions::default() };
    options.tagger.min_weight = SHIPPED_TRAIN_MIN_WEIGHTS.0;
    options.parser.min_weight = SHIPPED_TRAIN_MIN_WEIGHTS.1;
    let mut trained = pipeline::train_from_ud(ud_dir, &options)?;
    trained.prune(defaults.tagger.min_weight, defaults.parser.min_weight);
    let bytes = trained.to_bytes();
    std::fs::write(out_path, &bytes).with_context(|| format!("cannot write {}", out_path.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {}) after {:.0?}",
        out_path.display(),
        bytes.len(),
        trained.summary(),
        started.elapsed()
    );
    // Score the model as written, since serialising quantises the weights.
    let written = Pipeline::from_bytes(&bytes)?;
    let gum_dev = read_gold(&ud_dir.join("gum/en_gum-ud-dev.conllu"))?;
    println!("GUM dev: {}", pipeline::evaluate(&written, &gum_dev));
    println!("EWT dev: {}", pipeline::evaluate(&written, &ewt_dev));
    Ok(ExitCode::SUCCESS)
}

fn model_order(ud_dir: &Path, model_path: &Path, out_path: &Path) -> Result<ExitCode> {
    let mut model = model::load_file(model_path)?;
    let sentences = pipeline::read_sentences(&pipeline::ud_train_files(ud_dir)?)?;
    model.order_by_use(&sentences);
    let bytes = model.to_bytes();
    std::fs::write(out_path, &bytes).with_context(|| format!("cannot write {}", out_path.display()))?;
    eprintln!("wrote {} ({} bytes, {})", out_path.display(), bytes.len(), model.summary());
    Ok(ExitCode::SUCCESS)
}

fn model_past_forms(ud_dir: &Path, out_path: &Path) -> Result<ExitCode> {
    let sentences = pipeline::read_sentences(&pipeline::ud_train_files(ud_dir)?)?;
    let forms = past_forms::compute(&sentences, lexicon::IRREGULAR);
    std::fs::write(out_path, past_forms::to_tsv(&forms))
        .with_context(|| format!("cannot write {}", out_path.display()))?;
    eprintln!("wrote {} ({} forms)", out_path.display(), forms.len());
    Ok(ExitCode::SUCCESS)
}

fn model_eval(file: &Path, model_path: Option<&Path>) -> Result<ExitCode> {
    let gold = read_gold(file)?;
    let loading = Instant::now();
    let model = model::load(model_path)?;
    let load_time = loading.elapsed();
    let scores = pipeline::evaluate(&model, &gold);
    let mut out = io::stdout().lock();
    write_gold_summary(&mut out, file, &gold)?;
    let name = model_path.map_or("shipped models/en_news.bin".into(), |path| path.display().to_string());
    writeln!(out, "model          {name} (loaded in {load_time:.2?})")?;
    for (label, value) in [
        ("UPOS", scores.upos),
        ("XPOS", scores.xpos),
        ("lemma", scores.lemma),
        ("UAS", scores.uas),
        ("LAS", scores.las),
    ] {
        writeln!(out, "{label:<14} {value:.4}")?;
    }
    writeln!(out, "speed          {:.0} tokens/s (tag + lemma + parse, one thread)", scores.tokens_per_sec)?;
    writeln!(out, "{scores}")?;
    Ok(ExitCode::SUCCESS)
}

fn segment_eval(file: &Path) -> Result<ExitCode> {
    let gold = read_gold(file)?;
    let scores = evaluate_segmentation(&gold);
    let mut out = io::stdout().lock();
    write_gold_summary(&mut out, file, &gold)?;
    for (name, prf) in [("tokens", scores.tokens), ("boundaries", scores.sentences)] {
        writeln!(
            out,
            "{name:<14} precision {:.4}  recall {:.4}  F1 {:.4}  ({} gold, {} predicted)",
            prf.precision(),
            prf.recall(),
            prf.f1(),
            prf.gold,
            prf.predicted
        )?;
    }
    writeln!(out, "{scores}")?;
    Ok(ExitCode::SUCCESS)
}

fn ner_eval(file: &Path, model_path: Option<&Path>, print_errors: bool) -> Result<ExitCode> {
    let raw = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let documents = ner_eval::parse_iob2(&raw).with_context(|| format!("cannot read {}", file.display()))?;
    // The extractor's model is shared and 'static; a model from a file is leaked once to match.
    let model: &'static Pipeline = match model_path {
        None => model::shipped()?,
        Some(path) => Box::leak(Box::new(model::load_file(path)?)),
    };
    let started = Instant::now();
    let report = ner_eval::evaluate_ner(&documents, &Gazetteer::builtin(), Some(model));
    let elapsed = started.elapsed();
    let mut out = io::stdout().lock();
    if print_errors {
        for mistake in &report.mistakes {
            let show = |side: &Option<(String, ner_eval::NerLabel)>| {
                side.as_ref().map_or("-".to_string(), |(words, label)| format!("{label:?} {words:?}"))
            };
            writeln!(
                out,
                "{:<8} gold {:<32} predicted {:<32} | {}",
                mistake.kind.as_str(),
                show(&mistake.gold),
                show(&mistake.predicted),
                mistake.sentence
            )?;
        }
    }
    writeln!(
        out,
        "{}: {} documents, {} sentences, {} tokens ({:.2?} with tagging and parsing)",
        file.display(),
        report.n_documents,
        report.n_sentences,
        report.n_tokens,
        elapsed
    )?;
    let scores = &report.scores;
    for (name, prf) in
        [("PER", scores.per), ("ORG", scores.org), ("LOC", scores.loc), ("overall", scores.overall())]
    {
        writeln!(
            out,
            "{name:<8} precision {:.4}  recall {:.4}  F1 {:.4}  ({} gold, {} predicted, {} correct)",
            prf.precision(),
            prf.recall(),
            prf.f1(),
            prf.gold,
            prf.predicted,
            prf.correct
        )?;
    }
    writeln!(out, "{scores}")?;
    Ok(ExitCode::SUCCESS)
}

fn write_gold_summary(out: &mut dyn Write, file: &Path, gold: &[ConlluSentence]) -> io::Result<()> {
    let n_words: usize = gold.iter().map(|sentence| sentence.words.len()).sum();
    writeln!(out, "{}: {} sentences, {n_words} words", file.display(), gold.len())
}

fn read_gold(path: &Path) -> Result<Vec<ConlluSentence>> {
    conllu::read_conllu(path).with_context(|| format!("cannot read {}", path.display()))
}
