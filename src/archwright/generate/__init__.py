"""Design from a description: requirement extraction, patterns, sizing, technology choice."""

from archwright.generate.engine import DesignResult, PatternUse, Risk, design
from archwright.generate.extract import Extraction, extract

__all__ = ["DesignResult", "Extraction", "PatternUse", "Risk", "design", "extract"]
