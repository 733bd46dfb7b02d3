"""The kommun's lägesbild per SFS 2023:196 §4, drafted from the stored evidence.

Not the EST lägesbild (est/): this is the yearly document the law asks every kommun for — a
kartläggning of crime, its extent and consequences; other relevant information; an analysis —
built as pure functions over stored observations (kartlaggning.py, information.py, analys.py),
assembled in content.py and rendered through report/'s Document machinery in document.py.
"""
