# Reference for bench:runtime: a no-op sys.settrace line tracer around the plain program.
import sys as _bench_sys


def _bench_trace(frame, event, arg):
    return _bench_trace


_bench_sys.settrace(_bench_trace)
_bench_sys._getframe().f_trace = _bench_trace
# --- the program ---
_bench_sys.settrace(None)
_bench_sys._getframe().f_trace = None
