"""Target-locale conventions: numbers, amounts, percentages, dates, times and punctuation.

``locales`` parses ``--to``; ``entities`` finds convention-bearing spans in the German source;
``render`` writes them with the target's CLDR patterns (Babel); ``quotes`` and ``typography`` fix
punctuation; ``hook`` runs all of it around MT; ``presence`` tells whether a source value survived
(shared with ``transloc check``). Heavy imports stay inside functions.
"""
