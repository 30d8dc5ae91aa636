"""Run one notebook's cells in a Jupyter kernel with nbclient, stopping at the first failure."""

from __future__ import annotations

import atexit
import logging
import math
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic
from typing import Any

from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from grader.errors import ExecutionError
from grader.execute.capped_client import CappedNotebookClient, OutputBudget
from grader.execute.convert import first_error
from grader.execute.interrupt import raise_if_interrupted
from grader.execute.limits import ExecLimits
from grader.execute.outcome import KERNEL_FAILED_KO, LIMIT_CODE
from grader.records.execution import CellError, LimitHit
from grader.text.clean import tail_lines

log = logging.getLogger(__name__)

KernelManagerFactory = Callable[[Path], Any]
"""Makes the (async) kernel manager for a notebook, given the folder it runs in."""

BeforeCells = Callable[[Any], Awaitable[None]]
"""Called with the started nbclient client before the first cell."""


@dataclass
class NotebookRun:
    """What happened to one notebook: it is run in place (``nb`` now holds the outputs)."""

    nb: Any
    stop: CellError | None = None
    """Why the run stopped early (error, timeout, dead kernel); ``None`` when it ran to the end."""
    limit_hits: list[LimitHit] = field(default_factory=list)
    duration_s: float = 0.0


async def run_notebook(
    nb: Any,
    cwd: Path,
    limits: ExecLimits,
    km_factory: KernelManagerFactory,
    before_cells: BeforeCells | None = None,
) -> NotebookRun:
    """Clear the stored outputs of ``nb``, then execute it cell by cell in ``cwd``.

    ``before_cells(client)`` runs once the kernel is up, before the first cell (the recorder's
    bootstrap); it must not raise.
    """
    _clear_outputs(nb)
    km = km_factory(cwd)
    budget = OutputBudget(limits.max_output_bytes, limits.max_images)
    client = CappedNotebookClient(
        nb,
        km=km,
        budget=budget,
        kernel_name="python3",
        allow_errors=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(cwd)}},
    )
    run = NotebookRun(nb)
    started = monotonic()
    try:
        async with client.async_setup_kernel(cleanup_kc=True):
            if before_cells is not None:
                await before_cells(client)
            await _run_cells(client, limits, started + limits.total_timeout_s, run)
    except ExecutionError:
        raise
    except Exception as exc:
        raise_if_interrupted()  # a library may turn the interrupt into another error
        raise await _setup_failure(km, exc) from exc
    finally:
        atexit.unregister(client._cleanup_kernel)  # nbclient leaves it when the start fails
        await _ensure_shutdown(km)
        run.duration_s = monotonic() - started
    run.limit_hits[:0] = budget.hits
    return run


async def _setup_failure(km: Any, exc: Exception) -> ExecutionError:
    """Why no cell could run: a sandbox limit that killed the kernel, else a kernel failure."""
    explain = getattr(km, "sandbox_death_cause", None)
    cause = await explain() if explain is not None else None
    if cause is not None:
        return ExecutionError(cause[1], code=LIMIT_CODE, detail=repr(exc))
    return ExecutionError(KERNEL_FAILED_KO, detail=repr(exc))


async def _run_cells(
    client: CappedNotebookClient, limits: ExecLimits, deadline: float, run: NotebookRun
) -> None:
    for index, cell in enumerate(client.nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        left = deadline - monotonic()
        whole = left < limits.cell_timeout_s
        if left <= 0:
            _stop_on_timeout(run, index, limits, whole=True)
            return
        client.timeout = max(1, math.ceil(min(limits.cell_timeout_s, left)))
        try:
            count = client.code_cells_executed + 1
            await client.async_execute_cell(cell, index, execution_count=count)
        except CellTimeoutError:
            _stop_on_timeout(run, index, limits, whole)
            return
        except DeadKernelError:
            hit, message = await _death_cause(client.km)
            _stop(run, index, "DeadKernelError", message, hit)
            return
        except CellExecutionError as exc:
            run.limit_hits += error_hits(f"{exc.ename} {exc.evalue} {exc.traceback}", index)
            shown = first_error([cell])  # the kernel's traceback, without nbclient's header
            run.stop = (
                shown.model_copy(update={"cell_index": index})
                if shown
                else CellError(
                    cell_index=index,
                    ename=exc.ename,
                    evalue=exc.evalue,
                    traceback_tail=tail_lines(exc.traceback),
                )
            )
            return


NETWORK_HIT = LimitHit(kind="other", limit="network (none in the sandbox)")
_NETWORK_REFUSED = re.compile(
    r"Network is unreachable|Temporary failure in name resolution|Name or service not known"
    r"|No address associated with hostname|gaierror|NameResolutionError|ConnectionRefusedError"
    r"|Failed to establish a new connection|\[Errno (?:101|-2|-3|-5|111)\]"
)


def network_refused(error_text: str) -> bool:
    """The cell failed because it reached for the network, which the sandbox does not have."""
    return _NETWORK_REFUSED.search(error_text) is not None


GPU_OOM_HIT = LimitHit(kind="gpu_memory")
_GPU_OUT_OF_MEMORY = re.compile(
    r"CUDA out of memory|CUDA_ERROR_OUT_OF_MEMORY|cudaErrorMemoryAllocation"
    r"|\bOutOfMemoryError\b|ResourceExhaustedError|OOM when allocating"
    r"|CUBLAS_STATUS_ALLOC_FAILED|CUDNN_STATUS_ALLOC_FAILED"
)
"""torch (``torch.OutOfMemoryError: CUDA out of memory``), TensorFlow (``ResourceExhaustedError:
OOM when allocating tensor``), the CUDA driver and cuBLAS/cuDNN; never a host ``MemoryError``."""


def gpu_out_of_memory(error_text: str) -> bool:
    """The cell failed because the GPU (or its share of one) ran out of memory."""
    return _GPU_OUT_OF_MEMORY.search(error_text) is not None


def error_hits(error_text: str, cell_index: int) -> list[LimitHit]:
    """The limits a failed cell's error shows it reached (network, GPU memory)."""
    hits = [NETWORK_HIT] if network_refused(error_text) else []
    hits += [GPU_OOM_HIT] if gpu_out_of_memory(error_text) else []
    return [hit.model_copy(update={"cell_index": cell_index}) for hit in hits]


_KERNEL_DIED = (
    "커널이 이 셀을 실행하던 중 예기치 않게 종료되었습니다(메모리 부족, os._exit 호출, "
    "네이티브 라이브러리 충돌 등)."
)


async def _death_cause(km: Any) -> tuple[LimitHit, str]:
    """The sandbox may know which limit killed the kernel (memory, CPU, disk)."""
    explain = getattr(km, "sandbox_death_cause", None)
    cause = await explain() if explain is not None else None
    return cause or (LimitHit(kind="kernel_died"), _KERNEL_DIED)


def _sandbox_hits(km: Any, run: NotebookRun) -> list[LimitHit]:
    """Limits the sandbox saw without a dead kernel (e.g. refused forks), on the stop cell."""
    hits = getattr(km, "sandbox_limit_hits", None)
    cell = run.stop.cell_index if run.stop else None
    return [h.model_copy(update={"cell_index": cell}) for h in (hits() if hits else [])]


def _stop_on_timeout(run: NotebookRun, index: int, limits: ExecLimits, whole: bool) -> None:
    if whole:
        limit = f"{limits.total_timeout_s:g}s"
        message = f"노트북 전체 실행 시간 제한({limits.total_timeout_s:g}초)을 넘어 멈췄습니다."
        _stop(run, index, "TotalTimeoutError", message, LimitHit(kind="total_timeout", limit=limit))
    else:
        limit = f"{limits.cell_timeout_s:g}s"
        message = f"셀 실행 시간 제한({limits.cell_timeout_s:g}초)을 넘어 멈췄습니다."
        _stop(run, index, "CellTimeoutError", message, LimitHit(kind="cell_timeout", limit=limit))


def _stop(run: NotebookRun, index: int, ename: str, evalue: str, hit: LimitHit) -> None:
    run.stop = CellError(cell_index=index, ename=ename, evalue=evalue)
    run.limit_hits.append(hit.model_copy(update={"cell_index": index}))


def _clear_outputs(nb: Any) -> None:
    """Stored outputs must not survive in cells the run never reaches."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


async def _ensure_shutdown(km: Any) -> None:
    """Kill the kernel if nbclient's own clean-up did not (or never got the chance)."""
    try:
        if km.has_kernel:
            await km.shutdown_kernel(now=True)
    except Exception:  # the kernel is gone either way; nothing more to do
        log.warning("could not shut down kernel", exc_info=True)
    dispose = getattr(km, "dispose", None)  # a sandbox frees its slot, kills what is left
    if dispose is not None:
        dispose()
