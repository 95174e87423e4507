#!/usr/bin/env python3
"""Writes a copy of a notebook with a participant's typical edit in its model
cell: the first layer's 32 filters become 64 (notebook 01's
`layers.Conv2D(32, 3, layers.Same, layers.ReLU)`). The notebook tests run the
copy to prove that a changed model cell trains that model.

usage: scripts/edit-notebook-model.py SRC.ipynb DST.ipynb
"""
import json
import sys

OLD = "layers.Conv2D(32, 3, layers.Same, layers.ReLU),"
NEW = "layers.Conv2D(64, 3, layers.Same, layers.ReLU),"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1:3]
    nb = json.load(open(src, encoding="utf-8"))
    for cell in nb["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and "cnnlib.Sequential(" in text and OLD in text:
            cell["source"] = text.replace(OLD, NEW, 1).splitlines(keepends=True)
            cell["outputs"], cell["execution_count"] = [], None
            break
    else:
        sys.exit(f"edit-notebook-model: {src} has no model cell with {OLD!r}")
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
