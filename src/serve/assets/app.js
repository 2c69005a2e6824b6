// The query page of `newskg serve`: examples, the query box, the results table and
// the actor network of the results (drawn with Cytoscape.js).
//
// URL parameters: `?example=NAME` selects an example query, `?query=TEXT` fills the
// box, and `run` runs it at once (`/?example=meetings&run`). When a query is done,
// <body data-state> is "done" (or "error"), which the headless browser test waits for.
"use strict";

const PAGE = JSON.parse(document.getElementById("page-data").textContent);
const queryBox = document.getElementById("query");
const statusLine = document.getElementById("status");
const resultsBox = document.getElementById("results");
const graphNote = document.getElementById("graph-note");

// Columns whose values are drawn as nodes: the first two found in a row make an edge.
const NODE_COLUMN = /^(actor|source|target|subject|object|attacker|place|from|to|ego|partner|neighbou?r|s|o)[_0-9]*$/i;
// The column that labels an edge.
const EDGE_COLUMN = /^(verb|relation|predicate|p|trigger|event|type|code)$/i;
const MAX_EDGES = 2000;

let graph = null;

function showExamples() {
  const bar = document.getElementById("examples");
  for (const example of PAGE.examples) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = example.name;
    button.dataset.example = example.name;
    button.addEventListener("click", () => selectExample(example.name));
    bar.appendChild(button);
  }
}

function selectExample(name) {
  const example = PAGE.examples.find((e) => e.name === name);
  if (!example) {
    setStatus("error", `no example named ${name}`);
    return;
  }
  queryBox.value = example.query;
  for (const button of document.querySelectorAll("#examples button")) {
    button.classList.toggle("selected", button.dataset.example === name);
  }
}

function setStatus(state, text) {
  document.body.dataset.state = state;
  statusLine.textContent = text;
}

async function runQuery() {
  setStatus("running", "running…");
  const started = performance.now();
  let response;
  try {
    response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: queryBox.value,
    });
  } catch (error) {
    setStatus("error", `the server did not answer: ${error}`);
    return;
  }
  const text = await response.text();
  const millis = Math.round(performance.now() - started);
  if (!response.ok) {
    setStatus("error", `${response.status} ${response.statusText}: ${text}`);
    return;
  }
  const type = response.headers.get("Content-Type") || "";
  if (type.startsWith("application/sparql-results+json")) {
    const results = JSON.parse(text);
    if ("boolean" in results) {
      showText(String(results.boolean));
      drawGraph([], []);
      setStatus("done", `${results.boolean} (${millis} ms)`);
    } else {
      const rows = results.results.bindings;
      showTable(results.head.vars, rows);
      drawGraph(results.head.vars, rows);
      setStatus("done", `${rows.length} row${rows.length === 1 ? "" : "s"} in ${millis} ms`);
    }
  } else {
    showText(text);
    drawGraph([], []);
    setStatus("done", `graph result in ${millis} ms`);
  }
}

// A binding as a person reads it: literal values, IRIs with the project's prefixes.
function display(term) {
  if (!term) return "";
  if (term.type === "uri") return shorten(term.value);
  return term.value;
}

function shorten(iri) {
  for (const [prefix, namespace] of Object.entries(PAGE.prefixes)) {
    if (iri.startsWith(namespace)) {
      const local = iri.slice(namespace.length);
      if (local && !/[/#]/.test(local)) return `${prefix}:${local}`;
    }
  }
  return `<${iri}>`;
}

function showTable(vars, rows) {
  const table = document.createElement("table");
  table.id = "results-table";
  const head = table.createTHead().insertRow();
  for (const name of vars) {
    const cell = document.createElement("th");
    cell.textContent = name;
    head.appendChild(cell);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const name of vars) {
      line.insertCell().textContent = display(row[name]);
    }
  }
  resultsBox.replaceChildren(table);
}

function showText(text) {
  const pre = document.createElement("pre");
  pre.textContent = text;
  resultsBox.replaceChildren(pre);
}

// Which columns hold actors: by name (actor, source, target…) or by holding entity IRIs.
function nodeColumns(vars, rows) {
  const entity = PAGE.prefixes.ent;
  return vars.filter((name) =>
    NODE_COLUMN.test(name) ||
    rows.some((row) => row[name] && row[name].type === "uri" && row[name].value.startsWith(entity)));
}

function drawGraph(vars, rows) {
  if (graph) {
    graph.destroy();
    graph = null;
  }
  const columns = nodeColumns(vars, rows);
  if (columns.length < 2) {
    graphNote.textContent = "No graph: the results need two actor columns (named actor, source, target… or holding entity IRIs).";
    return;
  }
  const [from, to] = columns;
  const label = vars.find((name) => EDGE_COLUMN.test(name) && !columns.includes(name));
  const nodes = new Map();
  const edges = new Map();
  for (const row of rows) {
    if (!row[from] || !row[to]) continue;
    const source = display(row[from]);
    const target = display(row[to]);
    const verb = label && row[label] ? display(row[label]) : "";
    const key = `${source}\u0000${target}\u0000${verb}`;
    if (!edges.has(key) && edges.size >= MAX_EDGES) continue;
    nodes.set(source, (nodes.get(source) || 0) + 1);
    nodes.set(target, (nodes.get(target) || 0) + 1);
    const edge = edges.get(key) || { source, target, verb, count: 0 };
    edge.count += 1;
    edges.set(key, edge);
  }
  const elements = [];
  const ids = new Map([...nodes.keys()].map((name, i) => [name, `n${i}`]));
  for (const [name, degree] of nodes) {
    elements.push({ data: { id: ids.get(name), label: name, degree } });
  }
  let i = 0;
  for (const edge of edges.values()) {
    elements.push({ data: {
      id: `e${i++}`, source: ids.get(edge.source), target: ids.get(edge.target),
      label: edge.count > 1 ? `${edge.verb} ×${edge.count}` : edge.verb, count: edge.count,
    } });
  }
  graphNote.textContent = `${nodes.size} actors, ${edges.size} edges: ${from} → ${to}` +
    (label ? `, labelled by ${label}` : "") +
    (edges.size >= MAX_EDGES ? ` (first ${MAX_EDGES} edges)` : "") +
    ". Click an actor to show its ego network; click the background to show all.";
  graph = cytoscape({
    container: document.getElementById("graph"),
    elements,
    layout: { name: "cose", animate: false, randomize: false },
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 10, "background-color": "#2f6fab",
        "width": "mapData(degree, 1, 20, 12, 40)", "height": "mapData(degree, 1, 20, 12, 40)",
      } },
      { selector: "edge", style: {
        "label": "data(label)", "font-size": 8, "color": "#555", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "line-color": "#9bb3cc", "target-arrow-color": "#9bb3cc",
        "width": "mapData(count, 1, 10, 1, 6)",
      } },
      { selector: ".faded", style: { "opacity": 0.12 } },
    ],
  });
  graph.on("tap", "node", (event) => {
    const ego = event.target.closedNeighborhood();
    graph.elements().addClass("faded");
    ego.removeClass("faded");
  });
  graph.on("tap", (event) => {
    if (event.target === graph) graph.elements().removeClass("faded");
  });
}

showExamples();
document.getElementById("run").addEventListener("click", runQuery);
queryBox.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) runQuery();
});
const params = new URLSearchParams(window.location.search);
if (params.has("example")) selectExample(params.get("example"));
if (params.has("query")) queryBox.value = params.get("query");
if (params.has("run") && document.body.dataset.state !== "error") runQuery();
