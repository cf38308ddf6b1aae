"""Party screening against sanctions lists.

    screener = Screener(entities)
    matches = screener.screen(make_query("Kim Jong Un", schema="Person"))
    matches[0].score, matches[0].explanation

Candidates come from an inverted index of blocking keys (``index``); names are
compared under several readings (``features``); the score is a calibrated
logistic function of the features (``weights``), and every match explains
itself feature by feature.
"""

from interdictor.screening.compare import Comparison, compare_entities
from interdictor.screening.engine import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Match, Screener
from interdictor.screening.query import Query, make_query
from interdictor.screening.weights import ALGORITHM

__all__ = [
    "ALGORITHM",
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "Comparison",
    "Match",
    "Query",
    "Screener",
    "compare_entities",
    "make_query",
]
