"""Builds resources/lexicon/: the medical term list for lexicon correction and the common-English word list.

Run from the repo root with the dev extras installed (medwer, wordfreq):
`.venv/bin/python tools/build_lexicon.py`. Sources and licences: resources/lexicon/NOTICE.
"""

from __future__ import annotations

import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "lexicon"
COMMON_WORDS = 50_000
# Drug Product Database names often lead with the maker's short name ("jamp repaglinide"): never a useful target.
MAKERS = {
    "ach", "act", "ag", "apo", "ava", "auro", "bio", "co", "dom", "euro", "gd", "ipg", "jamp", "m", "mar", "med",
    "mint", "mylan", "nat", "nra", "nu", "pms", "pro", "ran", "ratio", "riva", "sandoz", "sanis", "sivem", "taro",
    "teva", "van", "zym", "accel", "bcc", "bmc", "jampsalt", "novo", "phl", "pharma", "penta", "priva", "vita",
}


def main() -> None:
    import medwer
    from wordfreq import top_n_list

    OUT.mkdir(parents=True, exist_ok=True)
    terms: list[str] = []
    for line in Path(medwer.default_terms_path()).read_text(encoding="utf-8").splitlines():
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        tokens = term.split()
        if len(tokens) > 3 or not all(re.fullmatch(r"[a-z][a-z']*", t) for t in tokens):
            continue
        if sum(len(t) for t in tokens) < 4 or (len(tokens) > 1 and tokens[0] in MAKERS):
            continue
        if len(tokens) == 3 and tokens[1] == "is":  # the normaliser wrote "horner's syndrome" as "horner is syndrome"
            term = f"{tokens[0]}'s {tokens[2]}"
        terms.append(term)
    header = [
        "# Medical terms for lexicon correction: drug and disease names, one per line, lower case.",
        "# Derived from the medwer 1.0.0 term list (Health Canada Drug Product Database and Canadian Clinical",
        "# Drug Data Set: contains information licensed under the Open Government Licence - Canada; ICD-10-CM:",
        "# US public domain). Kept: entries of 1-3 alphabetic words. See NOTICE.",
    ]
    (OUT / "medical_terms.txt").write_text("\n".join(header + sorted(set(terms))) + "\n", encoding="utf-8")
    words = [w for w in top_n_list("en", COMMON_WORDS * 2) if re.fullmatch(r"[a-z][a-z']*", w)][:COMMON_WORDS]
    header = [
        f"# The {COMMON_WORDS} most frequent English words, most frequent first (rank = line number after this",
        "# header). From wordfreq 3.1.1 by Robyn Speer, data under CC BY-SA 4.0; this list is shared under the",
        "# same licence. See NOTICE.",
    ]
    (OUT / "common_english.txt").write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{len(set(terms))} medical terms, {len(words)} common words")


if __name__ == "__main__":
    main()
