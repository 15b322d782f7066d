"""Template engines and markup: Jinja2 autoescape (B701), Mako (B702), markupsafe
Markup on non-literals (B704) and Unicode bidi controls in the source (B613)."""

import ast

from ..context import Issue
from ..registry import check


@check("Call", "B701")
def jinja2_autoescape_false(ctx):
    parts = ctx.qualname.split(".")
    if "jinja2" not in parts or parts[-1] != "Environment":
        return None
    for node in ast.walk(ctx.node):
        if isinstance(node, ast.keyword) and node.arg == "autoescape":
            value = node.value
            if getattr(value, "id", None) == "False" or (isinstance(value, ast.Constant) and value.value is False):
                return Issue(
                    "B701",
                    "HIGH",
                    "HIGH",
                    "Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Use autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.",
                )
            if getattr(value, "id", None) == "True" or (isinstance(value, ast.Constant) and value.value is True):
                return None
            if isinstance(value, ast.Call) and "select_autoescape" in (
                getattr(value.func, "id", None),
                getattr(value.func, "attr", None),
            ):
                return None
            return Issue(
                "B701",
                "HIGH",
                "MEDIUM",
                "Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Ensure autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.",
            )
    return Issue(
        "B701",
        "HIGH",
        "HIGH",
        "By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.",
    )


@check("Call", "B702")
def use_of_mako_templates(ctx):
    parts = ctx.qualname.split(".")
    if "mako" in parts and parts[-1] == "Template":
        return Issue(
            "B702",
            "MEDIUM",
            "HIGH",
            "Mako templates allow HTML/JS rendering by default and are inherently open to XSS attacks. Ensure variables in all templates are properly sanitized via the 'n', 'h' or 'x' flags (depending on context). For example, to HTML escape the variable 'data' do ${ data |h }.",
        )
    return None


MARKUP_NAMES = ("markupsafe.Markup", "flask.Markup")


@check("Call", "B704")
def markupsafe_markup_xss(ctx):
    if ctx.qualname not in MARKUP_NAMES:
        return None
    args = ctx.node.args
    if not args or isinstance(args[0], ast.Constant):
        return None
    return Issue(
        "B704",
        "MEDIUM",
        "HIGH",
        f"Potential XSS with ``{ctx.qualname}`` detected. Do not use ``{ctx.name}`` on untrusted data.",
    )


BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f")


@check("File", "B613")
def trojansource(ctx):
    source = ctx.module.source
    if not any(ch in source for ch in BIDI):
        return None
    for lineno, line in enumerate(source.splitlines(), start=1):
        for ch in BIDI:
            col = line.find(ch)
            if col >= 0:
                return Issue(
                    "B613",
                    "HIGH",
                    "MEDIUM",
                    f"A Python source file contains bidirectional control characters ({ch!r}).",
                    lineno=lineno,
                    col_offset=col + 1,
                )
    return None
