"""The detectors, one module per typology. ``DETECTORS`` is the table of contents."""

from __future__ import annotations

from interdictor.network.detectors import (
    cargo_splitting,
    end_user_obfuscation,
    front_company_cluster,
    hs_mislabel,
    listed_proximity,
    payment_mismatch,
    routing_anomaly,
    threshold_evasion,
    value_anomaly,
)
from interdictor.network.detectors.base import (
    Context,
    Detector,
    GoodsCheck,
    GoodsVerdict,
    Settings,
    check_nothing,
)

DETECTORS: dict[str, Detector] = {
    "listed_proximity": listed_proximity.detect,
    "front_company_cluster": front_company_cluster.detect,
    "end_user_obfuscation": end_user_obfuscation.detect,
    "routing_anomaly": routing_anomaly.detect,
    "cargo_splitting": cargo_splitting.detect,
    "threshold_evasion": threshold_evasion.detect,
    "payment_mismatch": payment_mismatch.detect,
    "hs_mislabel": hs_mislabel.detect,
    "value_anomaly": value_anomaly.detect,
}

__all__ = [
    "DETECTORS",
    "Context",
    "Detector",
    "GoodsCheck",
    "GoodsVerdict",
    "Settings",
    "check_nothing",
]
