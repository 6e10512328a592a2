"""The pipeline on a Dask cluster (`sitrep ingest --scheduler tcp://HOST:8786`), for when one machine is
not enough: the workers extract and analyse, the machine running `ingest` keeps the database.

Needs the `dask` extra (`pip install 'sitrep[dask]'`) here and on every worker machine. Run workers with
one thread each (`dask worker tcp://HOST:8786 --nthreads 1 --nworkers N`): parsing holds the GIL, so
more threads per process only add memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from typing import Any

from sitrep.pipeline import DEFAULT
from sitrep.scale.parallel import CHUNK_SIZE, ParallelPipeline


class DaskPipeline(ParallelPipeline):
    """The pipeline on the workers of the Dask scheduler at `address` (or of a `distributed.Client`)."""

    def __init__(self, address: Any, names: Sequence[str] = DEFAULT, chunk_size: int = CHUNK_SIZE) -> None:
        super().__init__(names, chunk_size)
        self.address = address
        self._client: Any = None

    def executor(self) -> Executor:
        executor: Executor = self._connected().get_executor(pure=False)
        return executor

    def workers(self) -> int:
        return max(1, sum(self._connected().nthreads().values()))

    def close(self) -> None:
        if self._client is not None and self._client is not self.address:
            self._client.close()
        self._client = None

    def _connected(self) -> Any:
        if self._client is None:
            try:
                from distributed import Client
            except ImportError as error:
                raise RuntimeError(
                    "a Dask scheduler needs the dask extra: pip install 'sitrep[dask]'"
                ) from error
            self._client = self.address if isinstance(self.address, Client) else Client(self.address)
        return self._client
