"""The reviewer's side of the catalog: MT confidence, problem detectors, and the bilingual review page.

Everything here reads or annotates PO entries; nothing overwrites a msgstr.
"""
