"""B1xx, B2xx and the other single-call checks: asserts, exec, file modes, hard-coded
secrets and paths, swallowed exceptions, HTTP timeouts, Flask debug, tarfile members,
logging listeners, torch.load and Hugging Face downloads."""

import ast
import re
import stat

from ..context import Issue, is_str
from ..registry import check


@check("Assert", "B101")
def assert_used(ctx):
    return Issue(
        "B101",
        "LOW",
        "HIGH",
        "Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.",
    )


@check("Call", "B102")
def exec_used(ctx):
    if ctx.qualname == "exec":
        return Issue("B102", "MEDIUM", "HIGH", "Use of exec detected.")
    return None


@check("Call", "B103")
def set_bad_file_permissions(ctx):
    if "chmod" in ctx.name and len(ctx.node.args) == 2:
        mode = ctx.arg_at(1)
        if isinstance(mode, int) and not isinstance(mode, bool) and mode & (stat.S_IWOTH | stat.S_IWGRP | stat.S_IXGRP):
            severity = "HIGH" if mode & stat.S_IWOTH else "MEDIUM"
            target = ctx.arg_at(0)
            if not isinstance(target, str):
                target = "NOT PARSED"
            return Issue("B103", severity, "HIGH", f"Chmod setting a permissive mask {oct(mode)} on file ({target}).")
    return None


@check("Str", "B104")
def hardcoded_bind_all_interfaces(ctx):
    if ctx.node.value == "0.0.0.0":
        return Issue("B104", "MEDIUM", "MEDIUM", "Possible binding to all interfaces.")
    return None


_WORDS = "(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)"
SECRET_NAME = re.compile(f"(^{_WORDS}$|_{_WORDS}_|^{_WORDS}_|_{_WORDS}$)", re.IGNORECASE)


def _password(test_id, value):
    return Issue(test_id, "LOW", "MEDIUM", f"Possible hardcoded password: '{value}'")


@check("Str", "B105", parents=(ast.Assign, ast.Subscript, ast.Dict, ast.Compare))
def hardcoded_password_string(ctx):
    node = ctx.node
    parent = ctx.module.parent(node)
    if isinstance(parent, ast.Assign):
        for target in parent.targets:
            if isinstance(target, ast.Name) and SECRET_NAME.search(target.id):
                return _password("B105", node.value)
            if isinstance(target, ast.Attribute) and SECRET_NAME.search(target.attr):
                return _password("B105", node.value)
    elif isinstance(parent, ast.Subscript) and SECRET_NAME.search(node.value):
        assign = ctx.module.parent(parent)
        if isinstance(assign, ast.Assign) and is_str(assign.value):
            return _password("B105", assign.value.value)
    elif isinstance(parent, ast.Dict):
        # {"password": "literal"}: the value next to a secret-looking key
        for key, value in zip(parent.keys, parent.values):
            if value is node and is_str(key) and SECRET_NAME.search(key.value):
                return _password("B105", node.value)
    elif isinstance(parent, ast.Compare):
        left = parent.left
        name = left.id if isinstance(left, ast.Name) else left.attr if isinstance(left, ast.Attribute) else None
        if name is not None and SECRET_NAME.search(name) and is_str(parent.comparators[0]):
            return _password("B105", parent.comparators[0].value)
    return None


@check("Call", "B106")
def hardcoded_password_funcarg(ctx):
    for kw in ctx.node.keywords:
        if is_str(kw.value) and SECRET_NAME.search(kw.arg):
            issue = _password("B106", kw.value.value)
            issue.lineno = kw.value.lineno
            return issue
    return None


@check("FunctionDef", "B107")
def hardcoded_password_default(ctx):
    args = ctx.node.args
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(args.args, defaults):
        if is_str(default) and SECRET_NAME.search(arg.arg):
            return _password("B107", default.value)
    return None


TMP_DIRS = ("/tmp", "/var/tmp", "/dev/shm")


@check("Str", "B108")
def hardcoded_tmp_directory(ctx):
    if ctx.node.value.startswith(TMP_DIRS):
        return Issue("B108", "MEDIUM", "MEDIUM", "Probable insecure usage of temp file/directory.")
    return None


def _only_statement(handler, kind):
    if len(handler.body) != 1:
        return False
    if handler.type is not None and getattr(handler.type, "id", None) != "Exception":
        return False
    return isinstance(handler.body[0], kind)


@check("ExceptHandler", "B110")
def try_except_pass(ctx):
    if _only_statement(ctx.node, ast.Pass):
        return Issue("B110", "LOW", "HIGH", "Try, Except, Pass detected.")
    return None


@check("ExceptHandler", "B112")
def try_except_continue(ctx):
    if _only_statement(ctx.node, ast.Continue):
        return Issue("B112", "LOW", "HIGH", "Try, Except, Continue detected.")
    return None


HTTP_VERBS = {"get", "options", "head", "post", "put", "patch", "delete"}
HTTPX_ATTRS = {"request", "stream", "Client", "AsyncClient"} | HTTP_VERBS


def http_client_call(ctx):
    """ "requests" / "httpx" when the call is one of their request functions, else None."""
    root = ctx.qualname.split(".")[0]
    if root == "requests" and ctx.name in HTTP_VERBS:
        return root
    if root == "httpx" and ctx.name in HTTPX_ATTRS:
        return root
    return None


@check("Call", "B113")
def request_without_timeout(ctx):
    client = http_client_call(ctx)
    if client is None:
        return None
    # httpx has a default timeout: only an explicit timeout=None is a finding there.
    if ctx.check_keyword("timeout") is None and client == "requests":
        return Issue("B113", "MEDIUM", "LOW", f"Call to {client} without timeout")
    if ctx.check_keyword("timeout", "None"):
        return Issue("B113", "MEDIUM", "LOW", f"Call to {client} with timeout set to None")
    return None


@check("Call", "B201")
def flask_debug_true(ctx):
    if ctx.imported_like("flask") and ctx.qualname.endswith(".run") and ctx.check_keyword("debug", "True"):
        return Issue(
            "B201",
            "HIGH",
            "MEDIUM",
            "A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.",
        )
    return None


def _tar_issue(level, members=""):
    text = {
        "HIGH": "tarfile.extractall used without any validation. Please check and discard dangerous members.",
        "MEDIUM": f"Found tarfile.extractall(members=?) but couldn't identify the type of members. Check if the members were properly validated. {members}",
        "LOW": f"Usage of tarfile.extractall(members=function(tarfile)). Make sure your function properly discards dangerous members {members}.",
    }[level]
    return Issue("B202", level, level, text)


@check("Call", "B202")
def tarfile_unsafe_members(ctx):
    if not (ctx.imported_exact("tarfile") and "extractall" in ctx.name):
        return None
    keywords = {kw.arg: kw.value for kw in ctx.node.keywords}
    if "filter" in keywords and is_str(keywords["filter"]) and keywords["filter"].value == "data":
        return None
    if "members" in keywords:
        members = keywords["members"]
        if isinstance(members, ast.Call):
            func = members.func
            return _tar_issue("LOW", getattr(func, "id", None) or getattr(func, "attr", ""))
        return _tar_issue("MEDIUM", getattr(members, "id", ""))
    return _tar_issue("HIGH")


@check("Call", "B612")
def logging_config_insecure_listen(ctx):
    if ctx.qualname == "logging.config.listen" and "verify" not in ctx.call_keywords:
        return Issue("B612", "MEDIUM", "HIGH", "Use of insecure logging.config.listen detected.")
    return None


@check("Call", "B614")
def pytorch_load(ctx):
    if not ctx.imported_exact("torch"):
        return None
    if ctx.qualname in ("torch.load", "torch.serialization.load"):
        weights_only = ctx.keyword("weights_only")
        if weights_only == "True":
            return None
        return Issue("B614", "MEDIUM", "HIGH", "Use of unsafe PyTorch load")
    return None


_HF_MODULES = ("transformers", "datasets", "huggingface_hub")
# download function -> the library its resolved name must mention
_HF_FUNCTIONS = {
    "from_pretrained": "transformers",
    "load_dataset": "datasets",
    "hf_hub_download": "huggingface_hub",
    "snapshot_download": "huggingface_hub",
    "repository_id": "huggingface_hub",
}
_HEX = frozenset("0123456789abcdefABCDEF")


@check("Call", "B615")
def huggingface_unsafe_download(ctx):
    if not any(ctx.imported_like(m) for m in _HF_MODULES):
        return None
    library = _HF_FUNCTIONS.get(ctx.name)
    if library is None or library not in ctx.qualname.split("."):
        return None
    # Pinned to something that looks like a commit hash (7+ hex digits) is safe, and so is
    # a pin computed at run time (a variable); a branch or tag name, or none, is not.
    keywords = {kw.arg: kw.value for kw in ctx.node.keywords}
    pin = keywords.get("revision", keywords.get("commit_id"))
    if pin is not None:
        if not isinstance(pin, ast.Constant):
            return None
        text = pin.value.strip("\"'") if isinstance(pin.value, str) else ""
        if len(text) >= 7 and all(c in _HEX for c in text):
            return None
    first = ctx.arg_at(0)
    if isinstance(first, str) and first.startswith(("./", "/", "../")):
        return None  # a local path: nothing is downloaded
    return Issue("B615", "MEDIUM", "HIGH", f"Unsafe Hugging Face Hub download without revision pinning in {ctx.name}()")


@check("Call", "B506")
def yaml_load(ctx):
    if not ctx.imported_exact("yaml"):
        return None
    parts = ctx.qualname.split(".")
    if "yaml" in parts and parts[-1] == "load":
        safe = ("SafeLoader", "CSafeLoader")
        if ctx.check_keyword("Loader", list(safe)) or ctx.arg_at(1) in safe:
            return None
        return Issue(
            "B506",
            "MEDIUM",
            "HIGH",
            "Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().",
        )
    return None
