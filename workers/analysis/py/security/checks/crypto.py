"""Weak hashes (B324), TLS/SSH/SNMP settings (B501-B504, B507-B509) and key sizes (B505)."""

import ast

from ..context import Issue
from ..registry import check
from .general import http_client_call

WEAK_HASHES = ("md4", "md5", "sha", "sha1")
WEAK_CRYPT = ("METHOD_CRYPT", "METHOD_MD5", "METHOD_BLOWFISH")


def _weak_hash(name):
    return Issue(
        "B324", "HIGH", "HIGH", f"Use of weak {name.upper()} hash for security. Consider usedforsecurity=False"
    )


@check("Call", "B324")
def hashlib_insecure(ctx):
    parts = ctx.qualname.split(".")
    func = parts[-1]
    keywords = ctx.call_keywords
    if "hashlib" in parts:
        if func in WEAK_HASHES:
            if keywords.get("usedforsecurity", "True") == "True":
                return _weak_hash(func)
        elif func == "new":
            args = ctx.call_args
            name = args[0] if args else keywords.get("name")
            if (
                isinstance(name, str)
                and name.lower() in WEAK_HASHES
                and keywords.get("usedforsecurity", "True") == "True"
            ):
                return _weak_hash(name)
    elif "crypt" in parts and func in ("crypt", "mksalt"):
        args = ctx.call_args
        if func == "crypt":
            name = args[1] if len(args) > 1 else keywords.get("salt")
        else:
            name = args[0] if args else keywords.get("method")
        if isinstance(name, str) and name in WEAK_CRYPT:
            return Issue("B324", "MEDIUM", "HIGH", f"Use of insecure crypt.{name.upper()} hash function.")
    return None


@check("Call", "B501")
def request_with_no_cert_validation(ctx):
    client = http_client_call(ctx)
    if client and ctx.check_keyword("verify", "False"):
        return Issue(
            "B501",
            "HIGH",
            "HIGH",
            f"Call to {client} with verify=False disabling SSL certificate checks, security issue.",
            lineno=ctx.keyword_line("verify"),
        )
    return None


BAD_SSL_VERSIONS = [
    "PROTOCOL_SSLv2",
    "SSLv2_METHOD",
    "SSLv23_METHOD",
    "PROTOCOL_SSLv3",
    "PROTOCOL_TLSv1",
    "SSLv3_METHOD",
    "TLSv1_METHOD",
    "PROTOCOL_TLSv1_1",
    "TLSv1_1_METHOD",
]


@check("Call", "B502")
def ssl_with_bad_version(ctx):
    qual = ctx.qualname
    if qual == "ssl.wrap_socket":
        if ctx.check_keyword("ssl_version", BAD_SSL_VERSIONS):
            return Issue(
                "B502",
                "HIGH",
                "HIGH",
                "ssl.wrap_socket call with insecure SSL/TLS protocol version identified, security issue.",
                lineno=ctx.keyword_line("ssl_version"),
            )
    elif qual == "pyOpenSSL.SSL.Context":
        if ctx.check_keyword("method", BAD_SSL_VERSIONS):
            return Issue(
                "B502",
                "HIGH",
                "HIGH",
                "SSL.Context call with insecure SSL/TLS protocol version identified, security issue.",
                lineno=ctx.keyword_line("method"),
            )
    elif ctx.check_keyword("method", BAD_SSL_VERSIONS) or ctx.check_keyword("ssl_version", BAD_SSL_VERSIONS):
        return Issue(
            "B502",
            "MEDIUM",
            "MEDIUM",
            "Function call with insecure SSL/TLS protocol identified, possible security issue.",
            lineno=ctx.keyword_line("method") or ctx.keyword_line("ssl_version"),
        )
    return None


@check("FunctionDef", "B503")
def ssl_with_bad_defaults(ctx):
    from ..context import qual_attr

    for default in ctx.node.args.defaults:
        if qual_attr(default, ctx.aliases).split(".")[-1] in BAD_SSL_VERSIONS:
            return Issue(
                "B503",
                "MEDIUM",
                "MEDIUM",
                "Function definition identified with insecure SSL/TLS protocol version by default, possible security issue.",
            )
    return None


@check("Call", "B504")
def ssl_with_no_version(ctx):
    if ctx.qualname == "ssl.wrap_socket" and ctx.check_keyword("ssl_version") is None:
        return Issue(
            "B504",
            "LOW",
            "MEDIUM",
            "ssl.wrap_socket call with no SSL/TLS protocol version specified, the default SSLv23 could be insecure, possible security issue.",
        )
    return None


_KEY_LIMITS = {
    "DSA": ((1024, "HIGH"), (2048, "MEDIUM")),
    "RSA": ((1024, "HIGH"), (2048, "MEDIUM")),
    "EC": ((160, "HIGH"), (224, "MEDIUM")),
}
_CURVES = {
    "SECT571K1": 571,
    "SECT571R1": 570,
    "SECP521R1": 521,
    "BrainpoolP512R1": 512,
    "SECT409K1": 409,
    "SECT409R1": 409,
    "BrainpoolP384R1": 384,
    "SECT283K1": 283,
    "SECT283R1": 283,
    "BrainpoolP256R1": 256,
    "SECP256K1": 256,
    "SECP256R1": 256,
    "SECT233K1": 233,
    "SECT233R1": 233,
    "SECP224R1": 224,
    "SECP192R1": 192,
    "SECT163K1": 163,
    "SECT163R2": 163,
}
_CRYPTOGRAPHY = {
    "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key": ("DSA", 0),
    "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key": ("RSA", 1),
    "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key": ("EC", 0),
}
_PYCRYPTO = {
    "Crypto.PublicKey.DSA.generate": "DSA",
    "Crypto.PublicKey.RSA.generate": "RSA",
    "Cryptodome.PublicKey.DSA.generate": "DSA",
    "Cryptodome.PublicKey.RSA.generate": "RSA",
}


def _classify(key_type, size):
    if isinstance(size, str) or not isinstance(size, (int, float)):
        return None  # a variable: size unknown
    for limit, level in _KEY_LIMITS[key_type]:
        if size < limit:
            return Issue("B505", level, "HIGH", f"{key_type} key sizes below {limit} bits are considered breakable. ")
    return None


@check("Call", "B505")
def weak_cryptographic_key(ctx):
    qual = ctx.qualname
    if qual in _CRYPTOGRAPHY:
        key_type, position = _CRYPTOGRAPHY[qual]
        if key_type == "EC":
            curve = ctx.keyword("curve") or (len(ctx.call_args) > position and ctx.call_args[position])
            return _classify("EC", _CURVES.get(curve, 224) if isinstance(curve, str) else 224)
        size = ctx.keyword("key_size") or ctx.arg_at(position) or 2048
        return _classify(key_type, size)
    if qual in _PYCRYPTO:
        size = ctx.keyword("bits") or ctx.arg_at(0) or 2048
        return _classify(_PYCRYPTO[qual], size)
    return None


@check("Call", "B507")
def ssh_no_host_key_verification(ctx):
    if ctx.imported_like("paramiko") and ctx.name == "set_missing_host_key_policy" and ctx.node.args:
        policy = ctx.node.args[0]
        value = None
        if isinstance(policy, ast.Attribute):
            value = policy.attr
        elif isinstance(policy, ast.Name):
            value = policy.id
        elif isinstance(policy, ast.Call):
            value = getattr(policy.func, "attr", None) or getattr(policy.func, "id", None)
        if value in ("AutoAddPolicy", "WarningPolicy"):
            return Issue(
                "B507", "HIGH", "MEDIUM", "Paramiko call with policy set to automatically trust the unknown host key."
            )
    return None


@check("Call", "B508")
def snmp_insecure_version(ctx):
    if ctx.qualname == "pysnmp.hlapi.CommunityData" and (
        ctx.check_keyword("mpModel", 0) or ctx.check_keyword("mpModel", 1)
    ):
        return Issue(
            "B508", "MEDIUM", "HIGH", "The use of SNMPv1 and SNMPv2 is insecure. You should use SNMPv3 if able."
        )
    return None


@check("Call", "B509")
def snmp_crypto(ctx):
    if ctx.qualname == "pysnmp.hlapi.UsmUserData" and len(ctx.node.args) < 3:
        return Issue(
            "B509",
            "MEDIUM",
            "HIGH",
            "You should not use SNMPv3 without encryption. noAuthNoPriv & authNoPriv is insecure",
        )
    return None
