"""`healthlint server`: the Language Server Protocol over stdio, so editors show findings as writers type.

Only `protocol` imports pygls; the rest (positions, linting open documents, code actions,
hovers) is plain Python that the tests and the benchmark call directly.
"""
