"""Actors: the canonical registry (YAML and PETRARCH dictionaries) and the resolution stage.

registry = ActorRegistry.default()          # or from_yaml(path), from_petrarch(actors, agents)
ActorResolver(registry)(analysis)           # fills analysis.actor_mentions and analysis.actors
actors_in(analysis, start, end)             # actor ids mentioned in a body range
"""

from sitrep.actors.registry import ActorEntry, ActorRegistry, Agent, Role
from sitrep.actors.resolver import ActorResolver, actors_in

__all__ = ["ActorEntry", "ActorRegistry", "ActorResolver", "Agent", "Role", "actors_in"]
