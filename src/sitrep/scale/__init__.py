"""Scaling out beyond one process: the pipeline in worker processes on this machine or on a Dask cluster."""

from sitrep.scale.dask import DaskPipeline
from sitrep.scale.parallel import ParallelPipeline, ProcessPipeline

__all__ = ["DaskPipeline", "ParallelPipeline", "ProcessPipeline"]
