"""The knowledge base: actors, people and places of the Syrian conflict, with every name the press uses."""

from marsad.kb.load import Entry, KnowledgeBase, gazetteer_forms, load_kb

__all__ = ["Entry", "KnowledgeBase", "gazetteer_forms", "load_kb"]
