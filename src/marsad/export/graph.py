"""The actor network as GEXF or GraphML (networkx), for Gephi and other graph tools.

Nodes are actors (and people named in relations); edges are event interactions (actor1 -> actor2,
``relation`` = ``event:<PLOVER>``) and stated relations (backs, leads, hostile_to…), weighted by how many
events or articles support them. Several edge types between two nodes stay separate (MultiDiGraph).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from sqlalchemy.orm import Session

from marsad.store import queries as q


def actor_graph(session: Session, f: q.EventFilter) -> nx.MultiDiGraph:
    nodes, edges = q.network(session, f)
    graph = nx.MultiDiGraph(name="marsad actor network")
    for node in nodes:
        graph.add_node(node["id"], label=node["name_en"], name_ar=node["name_ar"] or "", kind=node["kind"])
    for edge in edges:
        # `type` is reserved in GEXF (directed/undirected): the edge's kind goes in `relation` and `label`.
        graph.add_edge(edge["source"], edge["target"], key=edge["type"], relation=edge["type"], label=edge["type"],
                       weight=edge["weight"])
    return graph


def write_gexf(session: Session, f: q.EventFilter, out: Path) -> int:
    graph = actor_graph(session, f)
    nx.write_gexf(graph, out)
    return graph.number_of_edges()


def write_graphml(session: Session, f: q.EventFilter, out: Path) -> int:
    graph = actor_graph(session, f)
    nx.write_graphml(graph, out)
    return graph.number_of_edges()
