"""Design from a description: requirement extraction, patterns, sizing, technology choice."""

from archwright.generate.engine import DesignResult, Risk, design
from archwright.generate.extract import Extraction, extract
from archwright.generate.mentions import Span
from archwright.generate.select import PatternUse

__all__ = ["DesignResult", "Extraction", "PatternUse", "Risk", "Span", "design", "extract"]
