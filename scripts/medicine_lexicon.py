"""Write rules/lexicons/medicines.txt: the medicine names healthlint recognises, one a line.

The names come from the dictionary of the drug-named-entity-recognition package (MIT licence,
© 2023 Fast Data Science Ltd), which compiles DrugBank's open vocabulary (CC0), MeSH and
MedlinePlus (NLM) and NHS medicine pages. Only medicines with a MedlinePlus drug page or an NHS
medicines page are kept (those consumers meet), with their generic, brand and other English
names, leaving out codes, salts and forms whose first word is already a name, Latin forms, and
everyday English words. healthlint itself does not depend on the package: importing it takes
seconds and hundreds of megabytes, and its full dictionary (107,000 names) holds proteins and
receptors that read as words in prose. Run once, by hand, when the package is updated:

    python -m venv /tmp/dner && /tmp/dner/bin/pip install drug-named-entity-recognition==2.0.9
    /tmp/dner/bin/python scripts/medicine_lexicon.py .venv/lib/python3.*/site-packages/textstat/resources/en/easy_words.txt
"""

from __future__ import annotations

import bz2
import importlib.metadata
import importlib.util
import pickle
import re
import sys
from pathlib import Path

# Names that are everyday words or something else in health prose, not medicines there.
NOT_MEDICINES = {
    "armour", "banan", "biomet", "cinna", "colgate", "copal", "cortisol", "dagan", "dolin", "generics", "genpharm",
    "hemel", "kendrick", "luminal", "marol", "microx", "modus", "relif", "sunkist", "theon",
}
NAME = re.compile(r"^[a-z][a-z]+(?:[ -][a-z]{3,}){0,2}$")


def names(easy_words: set[str]) -> list[str]:
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    data = pickle.load(bz2.open(Path(spec.origin).parent / "drug_ner_dictionary.pkl.bz2"))  # the package's own file
    canon, variants = data["drug_canonical_to_data"], data["drug_variant_to_canonical"]
    consumer = {c for c, d in canon.items() if d.get("medline_plus_id") or d.get("nhs_url")}
    kept = {
        v for v, cs in variants.items()
        if any(c in consumer for c in cs) and NAME.match(v) and len(v) >= 5 and not v.endswith("um")
        and v not in easy_words and v not in NOT_MEDICINES
    }
    # A longer name whose first word is a name already adds nothing ("zolpidem tartrate").
    return sorted(v for v in kept if not (re.split("[ -]", v)[0] in kept and re.search("[ -]", v)))


def main() -> None:
    easy = set(Path(sys.argv[1]).read_text().split())
    found = names(easy)
    version = importlib.metadata.version("drug-named-entity-recognition")
    header = [
        "# Medicines, generic and brand: the lexicon 'medicines' (rules/lexicons.toml). One name a line, any case.",
        "# Written by scripts/medicine_lexicon.py from the dictionary of the drug-named-entity-recognition",
        f"# package {version} (MIT licence, (c) 2023 Fast Data Science Ltd), compiled from DrugBank open data",
        "# (CC0), MeSH and MedlinePlus (US National Library of Medicine) and NHS medicine pages: the medicines",
        "# with a MedlinePlus drug page or an NHS medicines page, with their generic, brand and other English names.",
    ]
    out = Path(__file__).resolve().parents[1] / "rules" / "lexicons" / "medicines.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(header + found) + "\n", encoding="utf-8")
    print(f"{len(found)} names")


if __name__ == "__main__":
    main()
