"""B3xx / B4xx: calls and imports of modules or functions known to be risky.

Calls match by shell-style pattern on the resolved dotted name; imports by prefix of
the imported name. As in Bandit only the first matching entry is reported per node, and
the import entries also apply to `__import__("x")` / `importlib.import_module("x")`."""

import ast
from fnmatch import fnmatchcase

from ..catalog import TESTS
from ..context import Issue
from ..registry import check

_XML = "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called."

# (id, patterns, message); order is Bandit's.
CALLS = [
    (
        "B301",
        [
            "pickle.loads",
            "pickle.load",
            "pickle.Unpickler",
            "dill.loads",
            "dill.load",
            "dill.Unpickler",
            "shelve.open",
            "shelve.DbfilenameShelf",
            "jsonpickle.decode",
            "jsonpickle.unpickler.decode",
            "jsonpickle.unpickler.Unpickler",
            "pandas.read_pickle",
        ],
        "Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, possible security issue.",
    ),
    ("B302", ["marshal.load", "marshal.loads"], "Deserialization with the marshal module is possibly dangerous."),
    (
        "B303",
        [
            "Crypto.Hash.MD2.new",
            "Crypto.Hash.MD4.new",
            "Crypto.Hash.MD5.new",
            "Crypto.Hash.SHA.new",
            "Cryptodome.Hash.MD2.new",
            "Cryptodome.Hash.MD4.new",
            "Cryptodome.Hash.MD5.new",
            "Cryptodome.Hash.SHA.new",
            "cryptography.hazmat.primitives.hashes.MD5",
            "cryptography.hazmat.primitives.hashes.SHA1",
        ],
        "Use of insecure MD2, MD4, MD5, or SHA1 hash function.",
    ),
    (
        "B304",
        [
            "Crypto.Cipher.ARC2.new",
            "Crypto.Cipher.ARC4.new",
            "Crypto.Cipher.Blowfish.new",
            "Crypto.Cipher.DES.new",
            "Crypto.Cipher.XOR.new",
            "Cryptodome.Cipher.ARC2.new",
            "Cryptodome.Cipher.ARC4.new",
            "Cryptodome.Cipher.Blowfish.new",
            "Cryptodome.Cipher.DES.new",
            "Cryptodome.Cipher.XOR.new",
            "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
            "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
            "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
            "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
            "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
            "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
        ],
        "Use of insecure cipher {name}. Replace with a known secure cipher such as AES.",
    ),
    ("B305", ["cryptography.hazmat.primitives.ciphers.modes.ECB"], "Use of insecure cipher mode {name}."),
    ("B306", ["tempfile.mktemp"], "Use of insecure and deprecated function (mktemp)."),
    ("B307", ["eval"], "Use of possibly insecure function - consider using safer ast.literal_eval."),
    (
        "B308",
        ["django.utils.safestring.mark_safe"],
        "Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.",
    ),
    (
        "B310",
        [
            "urllib.urlopen",
            "urllib.request.urlopen",
            "urllib.urlretrieve",
            "urllib.request.urlretrieve",
            "urllib.URLopener",
            "urllib.request.URLopener",
            "urllib.FancyURLopener",
            "urllib.request.FancyURLopener",
            "urllib2.urlopen",
            "urllib2.Request",
            "six.moves.urllib.request.urlopen",
            "six.moves.urllib.request.urlretrieve",
            "six.moves.urllib.request.URLopener",
            "six.moves.urllib.request.FancyURLopener",
        ],
        "Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.",
    ),
    (
        "B311",
        [
            "random.Random",
            "random.random",
            "random.randrange",
            "random.randint",
            "random.choice",
            "random.choices",
            "random.uniform",
            "random.triangular",
            "random.randbytes",
            "random.sample",
            "random.getrandbits",
        ],
        "Standard pseudo-random generators are not suitable for security/cryptographic purposes.",
    ),
    (
        "B312",
        ["telnetlib.*"],
        "Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some other encrypted protocol.",
    ),
    (
        "B313",
        [
            "xml.etree.cElementTree.parse",
            "xml.etree.cElementTree.iterparse",
            "xml.etree.cElementTree.fromstring",
            "xml.etree.cElementTree.XMLParser",
        ],
        _XML,
    ),
    (
        "B314",
        [
            "xml.etree.ElementTree.parse",
            "xml.etree.ElementTree.iterparse",
            "xml.etree.ElementTree.fromstring",
            "xml.etree.ElementTree.XMLParser",
        ],
        _XML,
    ),
    ("B315", ["xml.sax.expatreader.create_parser"], _XML),
    ("B316", ["xml.dom.expatbuilder.parse", "xml.dom.expatbuilder.parseString"], _XML),
    ("B317", ["xml.sax.parse", "xml.sax.parseString", "xml.sax.make_parser"], _XML),
    ("B318", ["xml.dom.minidom.parse", "xml.dom.minidom.parseString"], _XML),
    ("B319", ["xml.dom.pulldom.parse", "xml.dom.pulldom.parseString"], _XML),
    (
        "B321",
        ["ftplib.*"],
        "FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.",
    ),
    (
        "B323",
        ["ssl._create_unverified_context"],
        "By default, Python will create a secure, verified ssl context for use in such classes as HTTPSConnection. "
        "However, it still allows using an insecure context via the _create_unverified_context that reverts to the "
        "previous behavior that does not validate certificates or perform hostname checks.",
    ),
]

_IMPORT_MSG = "Consider possible security implications associated with the {name} module."
_XML_IMPORT = "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called."
IMPORTS = [
    (
        "B401",
        ["telnetlib"],
        "A telnet-related module is being imported.  Telnet is considered insecure. Use SSH or some other encrypted protocol.",
    ),
    (
        "B402",
        ["ftplib"],
        "A FTP-related module is being imported.  FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.",
    ),
    ("B403", ["pickle", "cPickle", "dill", "shelve"], _IMPORT_MSG),
    ("B404", ["subprocess"], _IMPORT_MSG),
    ("B405", ["xml.etree.cElementTree", "xml.etree.ElementTree"], _XML_IMPORT),
    ("B406", ["xml.sax"], _XML_IMPORT),
    ("B407", ["xml.dom.expatbuilder"], _XML_IMPORT),
    ("B408", ["xml.dom.minidom"], _XML_IMPORT),
    ("B409", ["xml.dom.pulldom"], _XML_IMPORT),
    (
        "B411",
        ["xmlrpc"],
        "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Use defusedxml.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.",
    ),
    (
        "B412",
        ["wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript", "twisted.web.twcgi.CGIDirectory"],
        _IMPORT_MSG,
    ),
    (
        "B413",
        [
            "Crypto.Cipher",
            "Crypto.Hash",
            "Crypto.IO",
            "Crypto.Protocol",
            "Crypto.PublicKey",
            "Crypto.Random",
            "Crypto.Signature",
            "Crypto.Util",
        ],
        "The pyCrypto library and its module {name} are no longer actively maintained and have been deprecated. Consider using pyca/cryptography library.",
    ),
    (
        "B415",
        ["pyghmi"],
        "An IPMI-related module is being imported. IPMI is considered insecure. Use an encrypted protocol.",
    ),
]

# FTP over TLS is the recommended replacement, so the ftplib.* pattern spares it.
_NOT_LISTED = {"ftplib.FTP_TLS"}

CALL_IDS = tuple(t for t, _, _ in CALLS)
IMPORT_IDS = tuple(t for t, _, _ in IMPORTS)


def _issue(test_id, message, name):
    return Issue(test_id, TESTS[test_id].severity, "HIGH", message.replace("{name}", name))


def _imported_name(ctx):
    """The module a dynamic import call loads, or None when the call is not one."""
    call = ctx.node
    func = call.func
    if isinstance(func, ast.Name) and func.id == "__import__":
        if call.args:
            first = call.args[0]
            return first.value if isinstance(first, ast.Constant) else "UNKNOWN"
        return ""
    if ctx.qualname in ("importlib.import_module", "importlib.__import__"):
        if ctx.call_args:
            return ctx.call_args[0]
        return ctx.call_keywords["name"]
    return None


@check("Call", *CALL_IDS, *IMPORT_IDS)
def blacklist_calls(ctx):
    enabled = ctx.module.enabled
    name = _imported_name(ctx)
    if name is None:
        name = ctx.qualname
    if not isinstance(name, str) or name in _NOT_LISTED:
        return None
    for table in (CALLS, IMPORTS):
        for test_id, patterns, message in table:
            if test_id in enabled:
                for pattern in patterns:
                    if fnmatchcase(name, pattern):
                        return _issue(test_id, message, name)
    return None


def _import_issue(ctx, prefix):
    enabled = ctx.module.enabled
    for test_id, modules, message in IMPORTS:
        if test_id not in enabled:
            continue
        for alias in ctx.node.names:
            full = prefix + alias.name
            for module in modules:
                if full.startswith(module):
                    return _issue(test_id, message, alias.name)
    return None


@check("Import", *IMPORT_IDS)
def blacklist_import(ctx):
    node = ctx.node
    prefix = node.module + "." if isinstance(node, ast.ImportFrom) and node.module else ""
    return _import_issue(ctx, prefix)


@check("ImportFrom", *IMPORT_IDS)
def blacklist_import_from(ctx):
    return _import_issue(ctx, ctx.node.module + ".")
