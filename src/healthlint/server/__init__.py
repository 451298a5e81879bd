"""`healthlint server`: the Language Server Protocol over stdio, so editors show findings as writers type.

Only `protocol` imports pygls; the rest (positions, code actions, hovers) is plain Python
that the tests call directly. Documents are linted by `healthlint.checking`.
"""
