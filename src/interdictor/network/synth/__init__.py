"""A synthetic trade world with planted procurement schemes, for testing the network
engine against a known truth. ``generate_world(seed, size, out_dir)`` is the entry point.
"""

from interdictor.network.synth.world import TYPOLOGIES, WorldSummary, generate_world

__all__ = ["TYPOLOGIES", "WorldSummary", "generate_world"]
