#!/usr/bin/env python3
"""Generate ontology/cameo.ttl and ontology/predicates.ttl.

Inputs:
  ontology/data/cameo.tsv          CAMEO code, label, Goldstein value (hand-maintained)
  CAMEO2PLOVER-2021.txt            CAMEO -> PLOVER table (first argument; defaults to
                                   /work/shared/data/eventdata/CAMEO2PLOVER-2021.txt)
  ontology/lexicons/verbs.tsv      trigger lexicon; also checked here (columns, codes, order)

Outputs:
  ontology/cameo.ttl               CAMEO and PLOVER as SKOS concept schemes
  ontology/predicates.ttl          one owl:ObjectProperty per predicate named in verbs.tsv

Usage: python3 scripts/gen_cameo.py [CAMEO2PLOVER.txt]
Standard library only. Output is deterministic, so a rerun with unchanged inputs is a no-op.
"""

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLOVER_TABLE = Path("/work/shared/data/eventdata/CAMEO2PLOVER-2021.txt")
CAMEO_TSV = ROOT / "ontology" / "data" / "cameo.tsv"
VERBS_TSV = ROOT / "ontology" / "lexicons" / "verbs.tsv"
CAMEO_TTL = ROOT / "ontology" / "cameo.ttl"
PREDICATES_TTL = ROOT / "ontology" / "predicates.ttl"

CAMEO_NS = "https://newskg.org/id/cameo/"
PLOVER_NS = "https://newskg.org/id/plover/"

# GDELT's quad classes by CAMEO root: 01-05 verbal cooperation, 06-08 material
# cooperation, 09-13 verbal conflict, 14-20 material conflict.
QUAD_CLASS_BY_ROOT = {
    **{f"{n:02d}": "VerbalCooperation" for n in range(1, 6)},
    **{f"{n:02d}": "MaterialCooperation" for n in range(6, 9)},
    **{f"{n:02d}": "VerbalConflict" for n in range(9, 14)},
    **{f"{n:02d}": "MaterialConflict" for n in range(14, 21)},
}

# CAMEO2PLOVER-2021.txt starts at root 03. The PLOVER manual folds CAMEO 02
# (appeal) into REQUEST together with CAMEO 10; CAMEO 01 (public statement)
# has no PLOVER type.
PLOVER_FALLBACK_BY_ROOT = {"02": ["REQUEST"]}

PLOVER_LABELS = {
    "AGREE": "Agree",
    "CONSULT": "Consult",
    "SUPPORT": "Support",
    "COOPERATE": "Cooperate",
    "AID": "Aid",
    "CONCEDE": "Concede",
    "RETREAT": "Retreat",
    "ACCUSE": "Accuse",
    "REQUEST": "Request",
    "REJECT": "Reject",
    "THREATEN": "Threaten",
    "PROTEST": "Protest",
    "MOBILIZE": "Mobilize",
    "SANCTION": "Sanction",
    "COERCE": "Coerce",
    "ASSAULT": "Assault",
}

CREDIT = """\
# CAMEO codes and labels: CAMEO codebook (Schrodt 2012) and CAMEO2PLOVER-2021.txt,
#   PLOVER manual draft 0.8, Philip Schrodt, Open Event Data Alliance, MIT licence.
# Goldstein values: GDELT's CAMEO.goldsteinscale.txt (The GDELT Project), via ontology/data/cameo.tsv.
"""

PREFIXES = """\
@prefix nkg:  <https://newskg.org/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix cameo: <https://newskg.org/id/cameo/> .
@prefix plover: <https://newskg.org/id/plover/> .
"""

PREDICATE_NAME = re.compile(r"^[a-z][A-Za-z]*$")
CODE = re.compile(r"^\d{2,4}$")


def main(argv):
    plover_table = Path(argv[1]) if len(argv) > 1 else DEFAULT_PLOVER_TABLE
    codes = read_cameo_tsv(CAMEO_TSV)
    plover = read_plover_table(plover_table)
    lexicon = read_verbs_tsv(VERBS_TSV, codes)
    CAMEO_TTL.write_text(render_cameo(codes, plover), encoding="utf-8")
    PREDICATES_TTL.write_text(render_predicates(lexicon), encoding="utf-8")
    n_predicates = len({row["predicate"] for row in lexicon})
    print(
        f"wrote {CAMEO_TTL.relative_to(ROOT)} ({len(codes)} CAMEO codes, "
        f"{len(plover_types(plover))} PLOVER types) and "
        f"{PREDICATES_TTL.relative_to(ROOT)} ({n_predicates} predicates from {len(lexicon)} triggers)"
    )
    return 0


def read_cameo_tsv(path):
    """Returns {code: (label, goldstein)} in file order."""
    codes = {}
    for line_no, line in data_lines(path):
        fields = line.split("\t")
        if len(fields) != 3:
            fail(path, line_no, f"expected 3 columns, found {len(fields)}")
        code, label, goldstein = fields
        if not CODE.match(code) or len(code) == 2 and not 1 <= int(code) <= 20:
            fail(path, line_no, f"bad CAMEO code {code!r}")
        if code in codes:
            fail(path, line_no, f"duplicate code {code}")
        try:
            value = float(goldstein)
        except ValueError:
            fail(path, line_no, f"bad Goldstein value {goldstein!r}")
        if not -10.0 <= value <= 10.0 or "." not in goldstein:
            fail(path, line_no, f"Goldstein value {goldstein!r} must be a decimal in -10.0..10.0")
        codes[code] = (label, goldstein)
    for code in codes:
        parent = parent_code(code)
        if parent is not None and parent not in codes:
            fail(path, 0, f"code {code} has no parent {parent}")
    return codes


def read_plover_table(path):
    """Returns {code: [PLOVER types]} for roots (header lines) and codes."""
    mapping = collections.defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("~"):
            break
        match = re.match(r"^(\d{2,4}):\s*([A-Z_]+)", line)
        if match and match.group(2) not in mapping[match.group(1)]:
            mapping[match.group(1)].append(match.group(2))
    if not mapping:
        sys.exit(f"{path}: no CAMEO to PLOVER mappings found")
    return dict(mapping)


def read_verbs_tsv(path, codes):
    """Reads and checks the trigger lexicon; returns its rows as dicts."""
    rows = []
    seen = set()
    previous_key = None
    for line_no, line in data_lines(path):
        fields = line.split("\t")
        if len(fields) != 6:
            fail(path, line_no, f"expected 6 columns, found {len(fields)}")
        trigger, pos, predicate, cameo, symmetric, target_prep = fields
        if trigger != trigger.lower() or trigger != " ".join(trigger.split()):
            fail(path, line_no, f"trigger {trigger!r} must be lowercase, single-spaced")
        if pos not in ("verb", "noun"):
            fail(path, line_no, f"pos must be verb or noun, not {pos!r}")
        if not PREDICATE_NAME.match(predicate):
            fail(path, line_no, f"predicate {predicate!r} must be lower camel case")
        if len(cameo) not in (3, 4) or cameo not in codes:
            fail(path, line_no, f"unknown 3- or 4-digit CAMEO code {cameo!r}")
        if symmetric not in ("0", "1"):
            fail(path, line_no, f"symmetric must be 0 or 1, not {symmetric!r}")
        if target_prep and not re.match(r"^[a-z-]+(\|[a-z-]+)*$", target_prep):
            fail(path, line_no, f"bad target_prep {target_prep!r}")
        key = (trigger, pos)
        if key in seen:
            fail(path, line_no, f"duplicate trigger {trigger!r} ({pos})")
        if previous_key is not None and key < previous_key:
            fail(path, line_no, f"not sorted: {trigger!r} comes after {previous_key[0]!r}")
        seen.add(key)
        previous_key = key
        rows.append(
            {"trigger": trigger, "pos": pos, "predicate": predicate, "cameo": cameo, "symmetric": symmetric == "1"}
        )
    return rows


def render_cameo(codes, plover):
    out = [
        "# DO NOT EDIT – generated by scripts/gen_cameo.py from ontology/data/cameo.tsv",
        "# and CAMEO2PLOVER-2021.txt. Edit those and rerun the script.",
        CREDIT,
        PREFIXES,
        "cameo:scheme",
        "    a skos:ConceptScheme ;",
        '    skos:prefLabel "CAMEO event codes"@en ;',
        '    rdfs:comment "Conflict and Mediation Event Observations (CAMEO) event typology, version 1.1b3, with GDELT Goldstein values and quad classes."@en ;',
        '    dcterms:source "CAMEO codebook v1.1b3 (Schrodt 2012); CAMEO2PLOVER-2021.txt, Open Event Data Alliance, MIT" ;',
    ]
    roots = [code for code in codes if len(code) == 2]
    out.append("    skos:hasTopConcept " + " , ".join(f"cameo:{code}" for code in roots) + " .")
    out.append("")
    for code, (label, goldstein) in codes.items():
        root = code[:2]
        lines = [
            f"cameo:{code}",
            "    a skos:Concept ;",
            f'    skos:notation "{code}" ;',
            f"    skos:prefLabel {literal(label)}@en ;",
            "    skos:inScheme cameo:scheme ;",
        ]
        parent = parent_code(code)
        if parent is None:
            lines.append("    skos:topConceptOf cameo:scheme ;")
        else:
            lines.append(f"    skos:broader cameo:{parent} ;")
        lines.append(f"    nkg:goldstein {goldstein} ;")
        lines.append(f"    nkg:quadClass nkg:{QUAD_CLASS_BY_ROOT[root]} ;")
        for plover_type in plover_for(code, plover):
            lines.append(f"    nkg:plover plover:{plover_type} ;")
        lines[-1] = lines[-1][: -len(" ;")] + " ."
        out.extend(lines)
        out.append("")
    out.extend(render_plover_scheme(plover))
    return "\n".join(out).rstrip("\n") + "\n"


def render_plover_scheme(plover):
    types = plover_types(plover)
    out = [
        "plover:scheme",
        "    a skos:ConceptScheme ;",
        '    skos:prefLabel "PLOVER event types"@en ;',
        '    rdfs:comment "Political Language Ontology for Verifiable Event Records (PLOVER) event types, manual draft 0.8 (2021)."@en ;',
        '    dcterms:source "CAMEO2PLOVER-2021.txt, Open Event Data Alliance, MIT" ;',
        "    skos:hasTopConcept " + " , ".join(f"plover:{name}" for name in types) + " .",
        "",
    ]
    for name in types:
        label = PLOVER_LABELS.get(name, name.capitalize())
        out.extend(
            [
                f"plover:{name}",
                "    a skos:Concept ;",
                f'    skos:notation "{name}" ;',
                f"    skos:prefLabel {literal(label)}@en ;",
                "    skos:inScheme plover:scheme ;",
                "    skos:topConceptOf plover:scheme .",
                "",
            ]
        )
    return out


def render_predicates(lexicon):
    by_predicate = collections.defaultdict(list)
    for row in lexicon:
        by_predicate[row["predicate"]].append(row)
    out = [
        "# DO NOT EDIT – generated by scripts/gen_cameo.py from ontology/lexicons/verbs.tsv.",
        "# Edit the lexicon and rerun the script.",
        "# Each predicate's nkg:eventType is the CAMEO code its triggers use most often",
        "# (ties go to the more general, then the lower code).",
        "# CAMEO codes: Open Event Data Alliance, MIT licence (see ontology/cameo.ttl).",
        "",
        PREFIXES,
    ]
    for predicate in sorted(by_predicate):
        rows = by_predicate[predicate]
        counts = collections.Counter(row["cameo"] for row in rows)
        default_code = min(counts, key=lambda code: (-counts[code], len(code), code))
        unique_triggers = list(dict.fromkeys(row["trigger"] for row in rows))
        triggers = ", ".join(unique_triggers[:12])
        if len(unique_triggers) > 12:
            triggers += ", ..."
        comment = f"Direct actor-actor predicate. Triggers: {triggers}."
        out.extend(
            [
                f"nkg:{predicate}",
                "    a owl:ObjectProperty ;",
                "    rdfs:subPropertyOf nkg:actsOn ;",
                f'    rdfs:label "{predicate}" ;',
                f"    rdfs:comment {literal(comment)}@en ;",
                f"    nkg:eventType cameo:{default_code} .",
                "",
            ]
        )
    return "\n".join(out).rstrip("\n") + "\n"


def plover_for(code, plover):
    """PLOVER types for a code: its own mapping, else its nearest ancestor's, else the root fallback."""
    current = code
    while current is not None:
        if current in plover:
            return plover[current]
        current = parent_code(current)
    return PLOVER_FALLBACK_BY_ROOT.get(code[:2], [])


def plover_types(plover):
    seen = []
    for types in list(plover.values()) + list(PLOVER_FALLBACK_BY_ROOT.values()):
        for name in types:
            if name not in seen:
                seen.append(name)
    order = list(PLOVER_LABELS)
    return sorted(seen, key=lambda name: (order.index(name) if name in order else len(order), name))


def parent_code(code):
    """0431 -> 043, 043 -> 04, 04 -> None."""
    if len(code) == 4:
        return code[:3]
    if len(code) == 3:
        return code[:2]
    return None


def data_lines(path):
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield line_no, line


def literal(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fail(path, line_no, message):
    sys.exit(f"{path}:{line_no}: {message}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
