//! Integration tests: one binary, one module per area. They run the real `newskg`
//! binary against a real on-disk store in a temporary folder, and need nothing
//! outside the repository (Graphviz only for the rendering test).

mod util;

mod analyze;
mod bad_input;
mod export;
mod extraction;
mod filters;
mod nlp;
mod pipeline;
mod serve;
