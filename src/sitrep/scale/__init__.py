"""Scaling out beyond one process: the pipeline in worker processes on this machine."""

from sitrep.scale.processes import ProcessPipeline

__all__ = ["ProcessPipeline"]
