"""Geoparsing offline: an indexed gazetteer, toponym detection and resolution, and event location."""

from sitrep.geo.gazetteer import Gazetteer, build_gazetteer
from sitrep.geo.geoparser import Geoparser
from sitrep.geo.locate import EventLocator

__all__ = ["EventLocator", "Gazetteer", "Geoparser", "build_gazetteer"]
