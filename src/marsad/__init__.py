"""marsad: Arabic-native, evidence-linked extraction of conflict events from news."""

from marsad.document import Document
from marsad.settings import Settings

__version__ = "0.1.0"

__all__ = ["Document", "Settings", "__version__", "analyze_text"]


def analyze_text(text: str, **meta: object) -> Document:
    """Analyse one article's text (convenience wrapper over ``marsad.pipeline``)."""
    from marsad.pipeline import analyze_text as _analyze_text

    return _analyze_text(text, **meta)  # type: ignore[arg-type]
