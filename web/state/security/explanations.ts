// Short explanations of each security test id, in our own words: why the pattern is
// risky and which way to fix it. FindingsPanel links a test id to this text and the
// bug reports quote `direction`. Covers every id of Bandit 1.9.4 plus the ids older
// Bandit versions reported (B309, B320, B322, B325, B410), so old reports still explain.

export interface TestExplanation {
  why: string;
  /** Suggested fix direction. */
  direction: string;
  /** Bandit's page for the test. */
  docs?: string;
}

type Entry = [name: string, kind: 'plugin' | 'call' | 'import', why: string, direction: string];

const XML_WHY =
  'The standard library XML parsers expand entities, so a crafted document can exhaust memory (billion laughs) or, with some parsers, reach files and URLs.';
const XML_FIX = 'Parse untrusted XML with defusedxml (same API), or call defusedxml.defuse_stdlib() at start-up.';
const SHELL_FIX =
  'Pass the program and its arguments as a list with shell=False, and never build the command from user input; use shlex.quote if a shell is unavoidable.';
const PASSWORD_FIX = 'Read secrets from the environment, a secrets manager or a config file kept out of version control.';

const ENTRIES: Record<string, Entry> = {
  B101: [
    'assert_used',
    'plugin',
    'Assertions disappear when Python runs with -O, so a check written as assert silently stops protecting anything.',
    'Raise an exception (if not ok: raise ...) for checks that must always run; keep assert for test code and invariants.',
  ],
  B102: [
    'exec_used',
    'plugin',
    'exec runs any Python text it is given; if part of that text comes from outside, so does the code.',
    'Avoid exec: dispatch through a dict of functions, or parse data with json / ast.literal_eval.',
  ],
  B103: [
    'set_bad_file_permissions',
    'plugin',
    'The mode lets other users (group or world) write or execute the file, so they can change what it holds or runs.',
    'Use the narrowest mode that works, such as 0o600 for private files or 0o644 / 0o755 for shared read-only ones.',
  ],
  B104: [
    'hardcoded_bind_all_interfaces',
    'plugin',
    'Binding to 0.0.0.0 listens on every network interface, exposing the service beyond the local machine.',
    'Bind to 127.0.0.1 or a configured interface; expose the service deliberately behind a firewall or proxy.',
  ],
  B105: [
    'hardcoded_password_string',
    'plugin',
    'A literal string is stored in, or compared with, a name that looks like a password or token, so the secret lives in the source.',
    PASSWORD_FIX,
  ],
  B106: [
    'hardcoded_password_funcarg',
    'plugin',
    'A literal string is passed as a password-like keyword argument, so the credential is written into the code.',
    PASSWORD_FIX,
  ],
  B107: [
    'hardcoded_password_default',
    'plugin',
    'A password-like parameter has a literal default, so callers that omit it silently use a known secret.',
    'Give the parameter no default (or None) and require the caller to supply the secret from configuration.',
  ],
  B108: [
    'hardcoded_tmp_directory',
    'plugin',
    'Fixed paths in shared temp directories can be pre-created or linked by other users (races, symlink attacks).',
    'Use tempfile.mkstemp / TemporaryDirectory, which create unique private entries.',
  ],
  B110: [
    'try_except_pass',
    'plugin',
    'Every error is swallowed without a trace, which can hide failures, including security-relevant ones.',
    'Catch the specific exception you expect and log or handle it; let the rest propagate.',
  ],
  B112: [
    'try_except_continue',
    'plugin',
    'Errors inside the loop are skipped without a trace, which can hide failures and corrupt results.',
    'Catch only the exception you expect, log it, and decide explicitly whether to continue.',
  ],
  B113: [
    'request_without_timeout',
    'plugin',
    'Without a timeout a request can wait forever on a slow or hostile server, tying up the program.',
    'Pass timeout= (seconds, or a (connect, read) pair) on every request.',
  ],
  B201: [
    'flask_debug_true',
    'plugin',
    'The Flask/Werkzeug debugger lets anyone who reaches an error page run Python on the server.',
    'Never run with debug=True outside local development; drive it from an environment setting that is off by default.',
  ],
  B202: [
    'tarfile_unsafe_members',
    'plugin',
    'Extracting every member of an archive lets entries with ../ paths or links write outside the target directory.',
    "Pass filter='data' (Python 3.12+) or a members= list you have validated.",
  ],
  B301: [
    'pickle',
    'call',
    'Unpickling runs constructors named by the data itself, so loading untrusted bytes can execute arbitrary code.',
    'Load untrusted data with a data-only format such as JSON; sign pickles you must keep and verify before loading.',
  ],
  B302: [
    'marshal',
    'call',
    'marshal is an internal format that is not safe against malformed or malicious data.',
    'Use JSON or another data format meant for exchange.',
  ],
  B303: [
    'md5',
    'call',
    'MD2, MD4, MD5 and SHA-1 have practical collision attacks and must not protect integrity or passwords.',
    'Use SHA-256 or better for integrity, and a password hash (bcrypt, scrypt, argon2, PBKDF2) for passwords.',
  ],
  B304: [
    'ciphers',
    'call',
    'This cipher (DES, RC4, Blowfish, IDEA, ...) is broken or has a block size too small for today.',
    "Use AES-GCM or ChaCha20-Poly1305, e.g. through cryptography's Fernet or AEAD classes.",
  ],
  B305: [
    'cipher_modes',
    'call',
    'ECB mode encrypts equal blocks to equal output, leaking the structure of the data.',
    'Use an authenticated mode such as GCM (or CBC with a MAC and random IV).',
  ],
  B306: [
    'mktemp_q',
    'call',
    'mktemp returns a name without creating the file, so someone else can create it first.',
    'Use tempfile.mkstemp or NamedTemporaryFile, which create the file atomically.',
  ],
  B307: [
    'eval',
    'call',
    'eval runs any Python expression; with outside input that means running outside code.',
    'Use ast.literal_eval for literals, json for data, or an explicit parser.',
  ],
  B308: [
    'mark_safe',
    'call',
    'mark_safe tells Django not to escape the text; if it holds user data this is cross-site scripting.',
    'Let templates escape, or build HTML with format_html, which escapes its arguments.',
  ],
  B309: [
    'httpsconnection',
    'call',
    'Old Pythons made HTTPSConnection without verifying certificates (check removed after Bandit 1.7).',
    'Pass an ssl.create_default_context() context.',
  ],
  B310: [
    'urllib_urlopen',
    'call',
    'urlopen also accepts file:// and custom schemes, so a user-supplied URL can read local files.',
    'Check the scheme is http or https before opening, or use a client that only speaks HTTP(S).',
  ],
  B311: [
    'random',
    'call',
    'The random module is predictable: its output can be reconstructed, so it must not make tokens, keys or passwords.',
    'Use the secrets module (token_hex, token_urlsafe, choice) for anything security related.',
  ],
  B312: ['telnetlib', 'call', 'Telnet sends everything, passwords included, in clear text.', 'Use SSH (e.g. paramiko) or another encrypted protocol.'],
  B313: ['xml_bad_cElementTree', 'call', XML_WHY, XML_FIX],
  B314: ['xml_bad_ElementTree', 'call', XML_WHY, XML_FIX],
  B315: ['xml_bad_expatreader', 'call', XML_WHY, XML_FIX],
  B316: ['xml_bad_expatbuilder', 'call', XML_WHY, XML_FIX],
  B317: ['xml_bad_sax', 'call', XML_WHY, XML_FIX],
  B318: ['xml_bad_minidom', 'call', XML_WHY, XML_FIX],
  B319: ['xml_bad_pulldom', 'call', XML_WHY, XML_FIX],
  B320: ['xml_bad_etree', 'call', `${XML_WHY} (lxml check, removed after Bandit 1.7.)`, XML_FIX],
  B321: ['ftplib', 'call', 'Plain FTP sends credentials and data in clear text.', 'Use SFTP/SCP, or at least ftplib.FTP_TLS.'],
  B322: [
    'input',
    'call',
    'In Python 2, input() evaluated what the user typed (check removed in later Bandit versions).',
    'Under Python 2 use raw_input(); in Python 3 input() is safe.',
  ],
  B323: [
    'unverified_context',
    'call',
    'An unverified SSL context skips certificate and host name checks, enabling man-in-the-middle attacks.',
    'Use ssl.create_default_context() and fix certificate problems instead of disabling checks.',
  ],
  B324: [
    'hashlib',
    'plugin',
    'MD4, MD5 and SHA-1 (and weak crypt methods) are broken for security purposes.',
    'Use hashlib.sha256 or better; if the hash is not for security, say so with usedforsecurity=False.',
  ],
  B325: [
    'tempnam',
    'call',
    'os.tempnam / tmpnam return predictable names that another process can claim first (check removed after Bandit 1.7).',
    'Use tempfile.mkstemp or TemporaryDirectory.',
  ],
  B401: [
    'import_telnetlib',
    'import',
    'Telnet is a clear-text protocol; importing it usually means credentials will cross the network unencrypted.',
    'Use SSH or another encrypted protocol.',
  ],
  B402: ['import_ftplib', 'import', 'FTP is a clear-text protocol for credentials and data.', 'Use SFTP/SCP, or ftplib.FTP_TLS at minimum.'],
  B403: [
    'import_pickle',
    'import',
    'pickle-style modules can execute code while loading; worth checking nothing untrusted is ever loaded.',
    'Keep pickle for trusted data only; exchange data as JSON.',
  ],
  B404: [
    'import_subprocess',
    'import',
    'subprocess starts other programs; each use deserves a look at where the command comes from.',
    'Call subprocess with argument lists and shell=False, and validate any user-provided part.',
  ],
  B405: ['import_xml_etree', 'import', XML_WHY, XML_FIX],
  B406: ['import_xml_sax', 'import', XML_WHY, XML_FIX],
  B407: ['import_xml_expat', 'import', XML_WHY, XML_FIX],
  B408: ['import_xml_minidom', 'import', XML_WHY, XML_FIX],
  B409: ['import_xml_pulldom', 'import', XML_WHY, XML_FIX],
  B410: ['import_lxml', 'import', `${XML_WHY} (lxml import check, removed after Bandit 1.7.)`, XML_FIX],
  B411: [
    'import_xmlrpclib',
    'import',
    'XML-RPC parses XML received from the network with the vulnerable standard parsers.',
    'Call defusedxml.xmlrpc.monkey_patch() before using xmlrpc, or use a JSON API.',
  ],
  B412: [
    'import_httpoxy',
    'import',
    'These CGI handlers let a client-sent Proxy header set HTTP_PROXY (httpoxy), redirecting outgoing requests.',
    'Avoid CGI; run under WSGI/ASGI servers, or drop the Proxy header.',
  ],
  B413: [
    'import_pycrypto',
    'import',
    'PyCrypto is unmaintained and has known vulnerabilities.',
    'Use the cryptography package (or PyCryptodome as a drop-in).',
  ],
  B415: [
    'import_pyghmi',
    'import',
    'IPMI is an old management protocol with weak authentication and little encryption.',
    'Prefer an encrypted management interface (e.g. Redfish over HTTPS) and isolate IPMI networks.',
  ],
  B501: [
    'request_with_no_cert_validation',
    'plugin',
    'verify=False accepts any certificate, so anyone on the path can read or change the traffic.',
    'Keep verification on; point verify= at a CA bundle if the server uses a private CA.',
  ],
  B502: [
    'ssl_with_bad_version',
    'plugin',
    'SSLv2, SSLv3, TLS 1.0 and 1.1 have known attacks and should not be negotiated.',
    'Use ssl.create_default_context() or require TLS 1.2+ (minimum_version = ssl.TLSVersion.TLSv1_2).',
  ],
  B503: [
    'ssl_with_bad_defaults',
    'plugin',
    'The function defaults to an obsolete SSL/TLS version, so callers get it unless they override it.',
    'Default to a modern protocol (TLS 1.2+) or to the library default context.',
  ],
  B504: [
    'ssl_with_no_version',
    'plugin',
    'ssl.wrap_socket without a version may negotiate old protocols and does not check host names.',
    'Use ssl.create_default_context().wrap_socket(..., server_hostname=...) instead.',
  ],
  B505: [
    'weak_cryptographic_key',
    'plugin',
    "RSA/DSA keys under 2048 bits and EC curves under 224 bits can be broken with today's computing power.",
    'Generate RSA/DSA keys of at least 2048 bits (3072+ preferred) or use a 256-bit curve.',
  ],
  B506: [
    'yaml_load',
    'plugin',
    'yaml.load with a full loader can build arbitrary Python objects, which can run code.',
    'Use yaml.safe_load, or pass Loader=yaml.SafeLoader.',
  ],
  B507: [
    'ssh_no_host_key_verification',
    'plugin',
    'Accepting unknown host keys lets an attacker impersonate the server (man in the middle).',
    'Load known hosts (load_system_host_keys) and use RejectPolicy.',
  ],
  B508: [
    'snmp_insecure_version_check',
    'plugin',
    'SNMP v1/v2c send the community string (the password) in clear text.',
    'Use SNMPv3 with authentication and privacy (UsmUserData with auth and priv keys).',
  ],
  B509: [
    'snmp_crypto_check',
    'plugin',
    'SNMPv3 without auth and priv protocols is unauthenticated and/or unencrypted.',
    'Give UsmUserData both an authKey/authProtocol and a privKey/privProtocol.',
  ],
  B601: [
    'paramiko_calls',
    'plugin',
    'exec_command runs a shell command on the remote host; building it from input allows injection there.',
    'Validate and quote every input part (shlex.quote), or call fixed remote commands only.',
  ],
  B602: [
    'subprocess_popen_with_shell_equals_true',
    'plugin',
    'With shell=True the command is interpreted by a shell, so metacharacters in any input run extra commands.',
    SHELL_FIX,
  ],
  B603: [
    'subprocess_without_shell_equals_true',
    'plugin',
    'No shell is involved, which is good, but the program and its arguments still deserve a check for untrusted input.',
    'Make sure the executable is fixed and arguments from users are validated.',
  ],
  B604: [
    'any_other_function_with_shell_equals_true',
    'plugin',
    'A function called with shell=True probably passes its command to a shell, with the usual injection risk.',
    SHELL_FIX,
  ],
  B605: [
    'start_process_with_a_shell',
    'plugin',
    'os.system, os.popen and similar run the string through a shell, so input in it can inject commands.',
    'Use subprocess.run with an argument list (no shell) instead.',
  ],
  B606: [
    'start_process_with_no_shell',
    'plugin',
    'The program is started directly (no shell); worth checking the program and arguments are trusted.',
    'Keep the executable fixed and validate arguments from users.',
  ],
  B607: [
    'start_process_with_partial_path',
    'plugin',
    'A bare program name is looked up through PATH, so whoever controls PATH chooses what actually runs.',
    'Give the full path of the executable (e.g. /usr/bin/git), or resolve it once with shutil.which and check it.',
  ],
  B608: [
    'hardcoded_sql_expressions',
    'plugin',
    'The SQL statement is built by string formatting or concatenation, so quotes in a value can change the query (SQL injection).',
    'Use parameterised queries: cursor.execute("... WHERE id = %s", (value,)) or your ORM\'s query API.',
  ],
  B609: [
    'linux_commands_wildcard_injection',
    'plugin',
    'A * in a shell command expands to file names; names beginning with - become options to chown/chmod/tar/rsync.',
    'Avoid shell wildcards: list the files in Python (glob) and pass them after -- in an argument list.',
  ],
  B610: [
    'django_extra_used',
    'plugin',
    'QuerySet.extra() inserts raw SQL fragments; non-literal parts can carry injection.',
    'Use ORM expressions (annotate, filter, F, Q) or pass values through params=.',
  ],
  B611: [
    'django_rawsql_used',
    'plugin',
    'RawSQL with a built query string can carry SQL injection.',
    'Keep the SQL literal and pass values through the params list.',
  ],
  B612: [
    'logging_config_insecure_listen',
    'plugin',
    'logging.config.listen accepts logging configuration from the network, which can run code.',
    'Pass verify= to check (e.g. sign) incoming configuration, or do not open the listener.',
  ],
  B613: [
    'trojansource',
    'plugin',
    'Unicode bidirectional control characters can make code display differently from how it runs (Trojan Source).',
    'Remove the bidi control characters; use escapes (\\u202e) if a string really needs one.',
  ],
  B614: [
    'pytorch_load',
    'plugin',
    'torch.load unpickles the file, so a malicious checkpoint can run code.',
    'Pass weights_only=True (or load safetensors files).',
  ],
  B615: [
    'huggingface_unsafe_download',
    'plugin',
    'Downloading from the Hub without a pinned revision fetches whatever the repository holds now, which can change under you.',
    'Pin revision= to a specific commit hash.',
  ],
  B701: [
    'jinja2_autoescape_false',
    'plugin',
    'Without autoescaping, values rendered into HTML templates are not escaped, enabling cross-site scripting.',
    'Create the Environment with autoescape=True or select_autoescape().',
  ],
  B702: [
    'use_of_mako_templates',
    'plugin',
    'Mako does not escape HTML by default, so rendered values can inject script.',
    'Use the h filter (${ value | h }) or default_filters=["h"], or a template engine that autoescapes.',
  ],
  B703: [
    'django_mark_safe',
    'plugin',
    'mark_safe is applied to a value that may come from outside, turning it into unescaped HTML.',
    'Escape the value (escape / format_html) before marking it safe, or avoid mark_safe.',
  ],
  B704: [
    'markupsafe_markup_xss',
    'plugin',
    'Markup() on a non-literal string trusts that text as HTML, which is cross-site scripting if it holds user data.',
    'Use Markup.format / escape() so values are escaped, or render through an autoescaping template.',
  ],
};

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/1.9.4';

function docsFor(id: string, [name, kind]: Entry): string {
  if (kind === 'call') return `${BANDIT_DOCS}/blacklists/blacklist_calls.html#${id.toLowerCase()}-${name.toLowerCase().replaceAll('_', '-')}`;
  if (kind === 'import') return `${BANDIT_DOCS}/blacklists/blacklist_imports.html#${id.toLowerCase()}-${name.replaceAll('_', '-')}`;
  return `${BANDIT_DOCS}/plugins/${id.toLowerCase()}_${name}.html`;
}

/** Why a test id's pattern is risky and which way to fix it; undefined for unknown ids. */
export function explainTest(testId: string): TestExplanation | undefined {
  const id = testId.trim().toUpperCase();
  const entry = ENTRIES[id];
  if (!entry) return undefined;
  return { why: entry[2], direction: entry[3], docs: docsFor(id, entry) };
}

/** Test ids with an explanation (every id Bandit 1.6.2 or 1.9.4 reports). */
export function explainedTests(): string[] {
  return Object.keys(ENTRIES);
}

/** The test's Bandit name (e.g. "B602" -> "subprocess_popen_with_shell_equals_true"). */
export function testName(testId: string): string | undefined {
  return ENTRIES[testId.trim().toUpperCase()]?.[0];
}
