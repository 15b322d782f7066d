"""The test table: id -> name, default severity / confidence, CWE (Bandit 1.9.4 plus the
ids Bandit 1.6.2 had and later dropped, kept so old reports and `# nosec` lists still resolve).

`removed` ids are never reported: Bandit 1.9.4 no longer runs them.
"""

from typing import NamedTuple


class TestInfo(NamedTuple):
    test_id: str
    name: str
    severity: str  # the usual value; a few checks choose per case (see `varies`)
    confidence: str
    cwe: int  # 0 when Bandit gives none
    kind: str  # "plugin", "call" (call blacklist) or "import" (import blacklist)
    removed: bool = False
    varies: bool = False


_T = TestInfo
TESTS = {
    t.test_id: t
    for t in [
        _T("B101", "assert_used", "LOW", "HIGH", 703, "plugin"),
        _T("B102", "exec_used", "MEDIUM", "HIGH", 78, "plugin"),
        _T("B103", "set_bad_file_permissions", "HIGH", "HIGH", 732, "plugin", varies=True),
        _T("B104", "hardcoded_bind_all_interfaces", "MEDIUM", "MEDIUM", 605, "plugin"),
        _T("B105", "hardcoded_password_string", "LOW", "MEDIUM", 259, "plugin"),
        _T("B106", "hardcoded_password_funcarg", "LOW", "MEDIUM", 259, "plugin"),
        _T("B107", "hardcoded_password_default", "LOW", "MEDIUM", 259, "plugin"),
        _T("B108", "hardcoded_tmp_directory", "MEDIUM", "MEDIUM", 377, "plugin"),
        _T("B110", "try_except_pass", "LOW", "HIGH", 703, "plugin"),
        _T("B112", "try_except_continue", "LOW", "HIGH", 703, "plugin"),
        _T("B113", "request_without_timeout", "MEDIUM", "LOW", 400, "plugin"),
        _T("B201", "flask_debug_true", "HIGH", "MEDIUM", 94, "plugin"),
        _T("B202", "tarfile_unsafe_members", "HIGH", "HIGH", 22, "plugin", varies=True),
        _T("B301", "pickle", "MEDIUM", "HIGH", 502, "call"),
        _T("B302", "marshal", "MEDIUM", "HIGH", 502, "call"),
        _T("B303", "md5", "MEDIUM", "HIGH", 327, "call"),
        _T("B304", "ciphers", "HIGH", "HIGH", 327, "call"),
        _T("B305", "cipher_modes", "MEDIUM", "HIGH", 327, "call"),
        _T("B306", "mktemp_q", "MEDIUM", "HIGH", 377, "call"),
        _T("B307", "eval", "MEDIUM", "HIGH", 78, "call"),
        _T("B308", "mark_safe", "MEDIUM", "HIGH", 79, "call"),
        _T("B309", "httpsconnection", "MEDIUM", "HIGH", 319, "call", removed=True),
        _T("B310", "urllib_urlopen", "MEDIUM", "HIGH", 22, "call"),
        _T("B311", "random", "LOW", "HIGH", 330, "call"),
        _T("B312", "telnetlib", "HIGH", "HIGH", 319, "call"),
        _T("B313", "xml_bad_cElementTree", "MEDIUM", "HIGH", 20, "call"),
        _T("B314", "xml_bad_ElementTree", "MEDIUM", "HIGH", 20, "call"),
        _T("B315", "xml_bad_expatreader", "MEDIUM", "HIGH", 20, "call"),
        _T("B316", "xml_bad_expatbuilder", "MEDIUM", "HIGH", 20, "call"),
        _T("B317", "xml_bad_sax", "MEDIUM", "HIGH", 20, "call"),
        _T("B318", "xml_bad_minidom", "MEDIUM", "HIGH", 20, "call"),
        _T("B319", "xml_bad_pulldom", "MEDIUM", "HIGH", 20, "call"),
        _T("B320", "xml_bad_etree", "MEDIUM", "HIGH", 20, "call", removed=True),
        _T("B321", "ftplib", "HIGH", "HIGH", 319, "call"),
        _T("B322", "input", "HIGH", "HIGH", 0, "call", removed=True),
        _T("B323", "unverified_context", "MEDIUM", "HIGH", 295, "call"),
        _T("B324", "hashlib", "HIGH", "HIGH", 327, "plugin", varies=True),
        _T("B325", "tempnam", "MEDIUM", "HIGH", 377, "call", removed=True),
        _T("B401", "import_telnetlib", "HIGH", "HIGH", 319, "import"),
        _T("B402", "import_ftplib", "HIGH", "HIGH", 319, "import"),
        _T("B403", "import_pickle", "LOW", "HIGH", 502, "import"),
        _T("B404", "import_subprocess", "LOW", "HIGH", 78, "import"),
        _T("B405", "import_xml_etree", "LOW", "HIGH", 20, "import"),
        _T("B406", "import_xml_sax", "LOW", "HIGH", 20, "import"),
        _T("B407", "import_xml_expat", "LOW", "HIGH", 20, "import"),
        _T("B408", "import_xml_minidom", "LOW", "HIGH", 20, "import"),
        _T("B409", "import_xml_pulldom", "LOW", "HIGH", 20, "import"),
        _T("B410", "import_lxml", "LOW", "HIGH", 20, "import", removed=True),
        _T("B411", "import_xmlrpclib", "HIGH", "HIGH", 20, "import"),
        _T("B412", "import_httpoxy", "HIGH", "HIGH", 284, "import"),
        _T("B413", "import_pycrypto", "HIGH", "HIGH", 327, "import"),
        _T("B415", "import_pyghmi", "HIGH", "HIGH", 319, "import"),
        _T("B501", "request_with_no_cert_validation", "HIGH", "HIGH", 295, "plugin"),
        _T("B502", "ssl_with_bad_version", "HIGH", "HIGH", 327, "plugin", varies=True),
        _T("B503", "ssl_with_bad_defaults", "MEDIUM", "MEDIUM", 327, "plugin"),
        _T("B504", "ssl_with_no_version", "LOW", "MEDIUM", 327, "plugin"),
        _T("B505", "weak_cryptographic_key", "HIGH", "HIGH", 326, "plugin", varies=True),
        _T("B506", "yaml_load", "MEDIUM", "HIGH", 20, "plugin"),
        _T("B507", "ssh_no_host_key_verification", "HIGH", "MEDIUM", 295, "plugin"),
        _T("B508", "snmp_insecure_version_check", "MEDIUM", "HIGH", 319, "plugin"),
        _T("B509", "snmp_crypto_check", "MEDIUM", "HIGH", 319, "plugin"),
        _T("B601", "paramiko_calls", "MEDIUM", "MEDIUM", 78, "plugin"),
        _T("B602", "subprocess_popen_with_shell_equals_true", "HIGH", "HIGH", 78, "plugin", varies=True),
        _T("B603", "subprocess_without_shell_equals_true", "LOW", "HIGH", 78, "plugin"),
        _T("B604", "any_other_function_with_shell_equals_true", "MEDIUM", "LOW", 78, "plugin"),
        _T("B605", "start_process_with_a_shell", "HIGH", "HIGH", 78, "plugin", varies=True),
        _T("B606", "start_process_with_no_shell", "LOW", "MEDIUM", 78, "plugin"),
        _T("B607", "start_process_with_partial_path", "LOW", "HIGH", 78, "plugin"),
        _T("B608", "hardcoded_sql_expressions", "MEDIUM", "MEDIUM", 89, "plugin", varies=True),
        _T("B609", "linux_commands_wildcard_injection", "HIGH", "MEDIUM", 155, "plugin"),
        _T("B610", "django_extra_used", "MEDIUM", "MEDIUM", 89, "plugin"),
        _T("B611", "django_rawsql_used", "MEDIUM", "MEDIUM", 89, "plugin"),
        _T("B612", "logging_config_insecure_listen", "MEDIUM", "HIGH", 94, "plugin"),
        _T("B613", "trojansource", "HIGH", "MEDIUM", 838, "plugin"),
        _T("B614", "pytorch_load", "MEDIUM", "HIGH", 502, "plugin"),
        _T("B615", "huggingface_unsafe_download", "MEDIUM", "HIGH", 494, "plugin"),
        _T("B701", "jinja2_autoescape_false", "HIGH", "HIGH", 94, "plugin", varies=True),
        _T("B702", "use_of_mako_templates", "MEDIUM", "HIGH", 80, "plugin"),
        _T("B703", "django_mark_safe", "MEDIUM", "HIGH", 80, "plugin"),
        _T("B704", "markupsafe_markup_xss", "MEDIUM", "HIGH", 79, "plugin"),
    ]
}

BY_NAME = {t.name: t.test_id for t in TESTS.values()}
RANKING = ("UNDEFINED", "LOW", "MEDIUM", "HIGH")
BANDIT_VERSION = "1.9.4"


def more_info(test_id: str) -> str:
    """Bandit's documentation page for a test, as its JSON report links it."""
    info = TESTS[test_id]
    base = f"https://bandit.readthedocs.io/en/{BANDIT_VERSION}"
    if info.kind == "call":
        return f"{base}/blacklists/blacklist_calls.html#{test_id.lower()}-{info.name.lower().replace('_', '-')}"
    if info.kind == "import":
        return f"{base}/blacklists/blacklist_imports.html#{test_id.lower()}-{info.name.replace('_', '-')}"
    return f"{base}/plugins/{test_id.lower()}_{info.name}.html"


def cwe_of(test_id: str) -> dict:
    cwe = TESTS[test_id].cwe
    return {"id": cwe, "link": f"https://cwe.mitre.org/data/definitions/{cwe}.html" if cwe else ""}
