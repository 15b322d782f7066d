# Reference for bench:runtime: a no-op sys.monitoring LINE callback around the plain program.
import sys as _bench_sys

_BENCH_TOOL = 4  # not one of the ids CPython names (debugger, coverage, profiler, optimizer)
_bench_sys.monitoring.use_tool_id(_BENCH_TOOL, "heal-bench")
_bench_sys.monitoring.register_callback(_BENCH_TOOL, _bench_sys.monitoring.events.LINE, lambda code, line: None)
_bench_sys.monitoring.set_events(_BENCH_TOOL, _bench_sys.monitoring.events.LINE)
# --- the program ---
_bench_sys.monitoring.set_events(_BENCH_TOOL, _bench_sys.monitoring.events.NO_EVENTS)
_bench_sys.monitoring.register_callback(_BENCH_TOOL, _bench_sys.monitoring.events.LINE, None)
_bench_sys.monitoring.free_tool_id(_BENCH_TOOL)
