//! IRI constants that mirror `ontology/kg.ttl`, and nothing else.
//!
//! Every term the code writes into the store is named here once, so the
//! ontology file and the code cannot drift apart unnoticed: a unit test checks
//! that each `nkg:` constant is declared in `kg.ttl`.

/// Where the project's own IRIs live.
pub mod base {
    /// The vocabulary namespace, prefix `nkg:`.
    pub const NS: &str = "https://newskg.org/ns#";
    /// Entities: `ent:marco-rubio` becomes `<https://newskg.org/id/entity/marco-rubio>`.
    pub const ENTITY: &str = "https://newskg.org/id/entity/";
    /// Event nodes, named by a hash of their article, sentence and arguments.
    pub const EVENT: &str = "https://newskg.org/id/event/";
    /// Article nodes, named by the article id.
    pub const ARTICLE: &str = "https://newskg.org/id/article/";
    /// Occurrences: one per (actor, event code, target, day), shared by every article reporting it.
    pub const OCCURRENCE: &str = "https://newskg.org/id/occurrence/";
    /// Role (membership) nodes.
    pub const ROLE: &str = "https://newskg.org/id/role/";
    /// CAMEO event codes as SKOS concepts (`.../cameo/040`).
    pub const CAMEO: &str = "https://newskg.org/id/cameo/";
    /// PLOVER event types as SKOS concepts (`.../plover/CONSULT`).
    pub const PLOVER: &str = "https://newskg.org/id/plover/";
    /// One named graph per article.
    pub const ARTICLE_GRAPH: &str = "https://newskg.org/graph/article/";
    /// The named graph of entity descriptions and direct triples, merged across articles.
    pub const MERGED_GRAPH: &str = "https://newskg.org/graph/merged";
    /// The named graph holding the ontology, the CAMEO scheme and the predicates.
    pub const ONTOLOGY_GRAPH: &str = "https://newskg.org/graph/ontology";
    /// Wikidata entities, for `owl:sameAs`.
    pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
}

/// The project's own vocabulary (`nkg:`).
pub mod nkg {
    macro_rules! terms {
        ($($(#[$doc:meta])* $name:ident = $local:literal;)*) => {
            $($(#[$doc])* pub const $name: &str = concat!("https://newskg.org/ns#", $local);)*
            /// Every constant above, for the test against `kg.ttl`.
            pub const ALL: &[&str] = &[$($local),*];
        };
    }
    terms! {
        /// Class of every actor.
        ACTOR = "Actor";
        /// A named person.
        PERSON = "Person";
        /// A sovereign state or its government.
        COUNTRY = "Country";
        /// A named organisation.
        ORGANIZATION = "Organization";
        /// A named city, region or site.
        PLACE = "Place";
        /// An unnamed group known by its country and sector ("Afghan rebels").
        GROUP = "Group";
        /// An event node.
        EVENT = "Event";
        /// A news article.
        ARTICLE = "Article";
        /// A person's position.
        ROLE = "Role";
        /// Event → the acting entity.
        ACTOR_PROP = "actor";
        /// Event → the entity acted upon.
        TARGET = "target";
        /// Event → its CAMEO concept.
        EVENT_TYPE = "eventType";
        /// Event → its PLOVER concept.
        PLOVER_TYPE = "ploverType";
        /// Event → the direct-triple property that stands for it.
        PREDICATE = "predicate";
        /// Event → the trigger lemma as written.
        TRIGGER = "trigger";
        /// Event → the day it happened.
        EVENT_DATE = "eventDate";
        /// Event → first day of the period it happened in ("last month").
        EVENT_DATE_START = "eventDateStart";
        /// Event → last day of that period.
        EVENT_DATE_END = "eventDateEnd";
        /// Event → people killed.
        DEAD = "dead";
        /// Event → people injured.
        INJURED = "injured";
        /// Event → true when its casualty counts are lower bounds ("at least 35").
        CASUALTIES_AT_LEAST = "casualtiesAtLeast";
        /// One happening, however many articles report it.
        OCCURRENCE_CLASS = "Occurrence";
        /// Event (one report) → the occurrence it reports.
        OCCURRENCE = "occurrence";
        /// Event → where it happened.
        PLACE_PROP = "place";
        /// Event → the article it was read from.
        SOURCE_ARTICLE = "sourceArticle";
        /// Event → index of its sentence in the article body.
        SENTENCE_INDEX = "sentenceIndex";
        /// Event → first character of its evidence.
        CHAR_START = "charStart";
        /// Event → character after its evidence.
        CHAR_END = "charEnd";
        /// Event → the sentence it was read from.
        EVIDENCE = "evidence";
        /// Event → confidence in `[0, 1]`.
        CONFIDENCE = "confidence";
        /// Event → asserted, negated, planned or hypothetical.
        MODALITY = "modality";
        /// Event → true when it goes both ways (meetings, talks).
        SYMMETRIC = "symmetric";
        /// Entity → an article that mentions it.
        MENTIONED_IN = "mentionedIn";
        /// Entity → its CAMEO actor code.
        CAMEO_ACTOR_CODE = "cameoActorCode";
        /// Entity → its ISO 3166 alpha-3 country.
        COUNTRY_CODE = "country";
        /// Article → SHA-256 of its content.
        CONTENT_HASH = "contentHash";
        /// Article → the extractor that produced its graph.
        EXTRACTOR = "extractor";
        /// Article → its publication date.
        ARTICLE_DATE = "articleDate";
        /// Article → where it was read from.
        SOURCE_FILE = "sourceFile";
        /// Article → its events as one JSON literal, a denormalised read index (`graph::summary`).
        EVENT_SUMMARY = "eventSummary";
        /// Super-property of every direct actor–actor predicate.
        ACTS_ON = "actsOn";
        /// CAMEO concept → Goldstein score.
        GOLDSTEIN = "goldstein";
        /// CAMEO concept → quad class individual.
        QUAD_CLASS = "quadClass";
    }

    /// The direct-triple property for a controlled verb such as `meets`.
    pub fn relation(name: &str) -> String {
        format!("https://newskg.org/ns#{name}")
    }
}

/// Standard vocabularies the model reuses.
pub mod std_vocab {
    pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
    pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
    pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
    pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
    pub const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
    pub const DCT_DATE: &str = "http://purl.org/dc/terms/date";
    pub const DCT_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
    pub const DCT_SOURCE: &str = "http://purl.org/dc/terms/source";
    pub const DCT_PUBLISHER: &str = "http://purl.org/dc/terms/publisher";
    pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
    pub const SEM_EVENT: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/Event";
    pub const SCHEMA_URL: &str = "https://schema.org/url";
    pub const SCHEMA_LATITUDE: &str = "https://schema.org/latitude";
    pub const SCHEMA_LONGITUDE: &str = "https://schema.org/longitude";
    pub const ORG_MEMBERSHIP: &str = "http://www.w3.org/ns/org#Membership";
    pub const ORG_MEMBER: &str = "http://www.w3.org/ns/org#member";
    pub const ORG_ORGANIZATION: &str = "http://www.w3.org/ns/org#organization";
    pub const ORG_ROLE: &str = "http://www.w3.org/ns/org#role";
    pub const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
    pub const XSD_DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
    pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
    pub const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
}

/// The SPARQL prefixes every query gets for free.
pub const PREFIXES: &[(&str, &str)] = &[
    ("nkg", base::NS),
    ("ent", base::ENTITY),
    ("ev", base::EVENT),
    ("art", base::ARTICLE),
    ("cameo", base::CAMEO),
    ("plover", base::PLOVER),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("schema", "https://schema.org/"),
    ("wd", base::WIKIDATA),
];

#[cfg(test)]
mod tests {
    use super::nkg;

    #[test]
    fn every_term_is_declared_in_the_ontology() {
        let ontology = include_str!("../../ontology/kg.ttl");
        for local in nkg::ALL {
            let declared = ontology.lines().any(|line| line.trim_end() == format!("nkg:{local}"));
            assert!(declared, "nkg:{local} is used by the code but not declared in ontology/kg.ttl");
        }
    }
}
