"""Goods reference data: the HS nomenclature, the EU Annex I control-list catalogue,
regime tags, units and thresholds, and national overlays.

The classifier builds on these names; they are the package's public surface.
"""

from interdictor.goods.catalogue import CatalogueDiff, ControlCatalogue, ControlEntry
from interdictor.goods.hs import (
    HS_EDITIONS,
    HSCode,
    HSNomenclature,
    HSStatus,
    HSValidation,
    format_hs_code,
    normalise_hs_code,
)
from interdictor.goods.national import OverlayResult, apply_overlay, load_overlay
from interdictor.goods.parameters import (
    Comparator,
    Comparison,
    ComparisonStatus,
    Parameter,
    Threshold,
    canonical_parameter,
    compare,
    extract_parameters,
    extract_thresholds,
)
from interdictor.goods.regimes import (
    RegimeCode,
    eu_codes_for,
    parse_regime_code,
    regime_codes_for,
    regimes_for,
)
from interdictor.goods.units import UREG, are_comparable, format_quantity, parse_quantity

__all__ = [
    "HS_EDITIONS",
    "UREG",
    "CatalogueDiff",
    "Comparator",
    "Comparison",
    "ComparisonStatus",
    "ControlCatalogue",
    "ControlEntry",
    "HSCode",
    "HSNomenclature",
    "HSStatus",
    "HSValidation",
    "OverlayResult",
    "Parameter",
    "RegimeCode",
    "Threshold",
    "apply_overlay",
    "are_comparable",
    "canonical_parameter",
    "compare",
    "eu_codes_for",
    "extract_parameters",
    "extract_thresholds",
    "format_hs_code",
    "format_quantity",
    "load_overlay",
    "normalise_hs_code",
    "parse_quantity",
    "parse_regime_code",
    "regime_codes_for",
    "regimes_for",
]
