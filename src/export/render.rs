//! Draws DOT as SVG or PNG by running Graphviz's `dot`.
//!
//! The DOT text goes to `dot`'s standard input on a separate thread, so a large
//! picture cannot deadlock the pipe; a missing `dot` is a [`RenderError`] that
//! says how to install Graphviz.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use crate::error::RenderError;

/// Runs `dot -T<format>` (`svg`, `png`, …) on `dot_text` and returns the picture.
pub fn render(dot_text: Vec<u8>, format: &str) -> Result<Vec<u8>, RenderError> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => RenderError::MissingGraphviz,
            _ => RenderError::Io(err),
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || stdin.write_all(&dot_text));
    let output = child.wait_with_output()?;
    let written = writer.join().unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")));
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(RenderError::Failed(if message.is_empty() {
            output.status.to_string()
        } else {
            message
        }));
    }
    written?;
    Ok(output.stdout)
}
