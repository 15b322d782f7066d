"""Each test id: one snippet it must flag (on the line marked `# <-`) and one it must not."""

import unittest

from security import api
from security.catalog import TESTS

# id: (flagged snippet, clean snippet)
CASES = {
    "B101": ("assert x  # <-", "if not x:\n    raise ValueError"),
    "B102": ("exec('x = 1')  # <-", "execute('x = 1')"),
    "B103": ("import os\nos.chmod('/etc/passwd', 0o777)  # <-", "import os\nos.chmod('/etc/passwd', 0o600)"),
    "B104": ("host = '0.0.0.0'  # <-", "host = '127.0.0.1'"),
    "B105": ("password = 'hunter2'  # <-", "username = 'hunter2'"),
    "B106": ("connect(password='hunter2')  # <-", "connect(user='hunter2')"),
    "B107": ("def login(user, password='hunter2'):  # <-\n    pass", "def login(user, password=None):\n    pass"),
    "B108": ("path = '/tmp/cache'  # <-", "path = '/home/me/cache'"),
    "B110": ("try:\n    f()\nexcept Exception:  # <-\n    pass", "try:\n    f()\nexcept ValueError:\n    pass"),
    "B112": (
        "for x in y:\n    try:\n        f()\n    except:  # <-\n        continue",
        "for x in y:\n    try:\n        f()\n    except:\n        log()",
    ),
    "B113": ("import requests\nrequests.get(url)  # <-", "import requests\nrequests.get(url, timeout=5)"),
    "B201": (
        "import flask\napp = flask.Flask(__name__)\napp.run(debug=True)  # <-",
        "import flask\napp = flask.Flask(__name__)\napp.run()",
    ),
    "B202": (
        "import tarfile\ntarfile.open(p).extractall()  # <-",
        "import tarfile\ntarfile.open(p).extractall(filter='data')",
    ),
    "B301": ("import pickle\npickle.loads(data)  # <-", "import json\njson.loads(data)"),
    "B302": ("import marshal\nmarshal.loads(data)  # <-", "import json\njson.loads(data)"),
    "B303": ("from Crypto.Hash import MD5\nMD5.new()  # <-", "from Crypto.Hash import SHA256\nSHA256.new()"),
    "B304": ("from Crypto.Cipher import DES\nDES.new(key)  # <-", "from Crypto.Cipher import AES\nAES.new(key)"),
    "B305": (
        "from cryptography.hazmat.primitives.ciphers import modes\nmodes.ECB()  # <-",
        "from cryptography.hazmat.primitives.ciphers import modes\nmodes.CBC(iv)",
    ),
    "B306": ("import tempfile\ntempfile.mktemp()  # <-", "import tempfile\ntempfile.mkstemp()"),
    "B307": ("eval(text)  # <-", "import ast\nast.literal_eval(text)"),
    "B308": (
        "from django.utils.safestring import mark_safe\nmark_safe(x)  # <-",
        "from django.utils.html import escape\nescape(x)",
    ),
    "B310": (
        "import urllib.request\nurllib.request.urlopen(url)  # <-",
        "import requests\nrequests.get(url, timeout=5)",
    ),
    "B311": ("import random\nrandom.randint(1, 6)  # <-", "import secrets\nsecrets.randbelow(6)"),
    "B312": ("import telnetlib\ntelnetlib.Telnet(host)  # <-", "import paramiko\nparamiko.SSHClient()"),
    "B313": (
        "import xml.etree.cElementTree as ET\nET.parse(f)  # <-",
        "import defusedxml.ElementTree as ET\nET.parse(f)",
    ),
    "B314": (
        "import xml.etree.ElementTree as ET\nET.fromstring(s)  # <-",
        "import defusedxml.ElementTree as ET\nET.fromstring(s)",
    ),
    "B315": (
        "import xml.sax.expatreader\nxml.sax.expatreader.create_parser()  # <-",
        "import defusedxml.expatreader\ndefusedxml.expatreader.create_parser()",
    ),
    "B316": (
        "import xml.dom.expatbuilder\nxml.dom.expatbuilder.parse(f)  # <-",
        "import defusedxml.expatbuilder\ndefusedxml.expatbuilder.parse(f)",
    ),
    "B317": (
        "import xml.sax\nxml.sax.parseString(s, h)  # <-",
        "import defusedxml.sax\ndefusedxml.sax.parseString(s, h)",
    ),
    "B318": (
        "import xml.dom.minidom\nxml.dom.minidom.parseString(s)  # <-",
        "import defusedxml.minidom\ndefusedxml.minidom.parseString(s)",
    ),
    "B319": (
        "import xml.dom.pulldom\nxml.dom.pulldom.parseString(s)  # <-",
        "import defusedxml.pulldom\ndefusedxml.pulldom.parseString(s)",
    ),
    "B321": ("from ftplib import FTP\nFTP(host)  # <-", "from ftplib import FTP_TLS\nFTP_TLS(host)"),
    "B323": ("import ssl\nssl._create_unverified_context()  # <-", "import ssl\nssl.create_default_context()"),
    "B324": ("import hashlib\nhashlib.md5(data)  # <-", "import hashlib\nhashlib.md5(data, usedforsecurity=False)"),
    "B401": ("import telnetlib  # <-", "import socket"),
    "B402": ("import ftplib  # <-", "import ssl"),
    "B403": ("import pickle  # <-", "import json"),
    "B404": ("import subprocess  # <-", "import shlex"),
    "B405": ("import xml.etree.ElementTree  # <-", "import defusedxml.ElementTree"),
    "B406": ("import xml.sax  # <-", "import defusedxml.sax"),
    "B407": ("from xml.dom import expatbuilder  # <-", "from defusedxml import expatbuilder"),
    "B408": ("from xml.dom import minidom  # <-", "from defusedxml import minidom"),
    "B409": ("from xml.dom import pulldom  # <-", "from defusedxml import pulldom"),
    "B411": ("import xmlrpc.client  # <-", "import json"),
    "B412": ("from wsgiref.handlers import CGIHandler  # <-", "from wsgiref.simple_server import make_server"),
    "B413": ("from Crypto.Cipher import AES  # <-", "from cryptography.fernet import Fernet"),
    "B415": ("import pyghmi  # <-", "import socket"),
    "B501": (
        "import requests\nrequests.get(url, verify=False, timeout=5)  # <-",
        "import requests\nrequests.get(url, timeout=5)",
    ),
    "B502": (
        "import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv3)  # <-",
        "import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLSv1_2)",
    ),
    "B503": (
        "import ssl\ndef f(v=ssl.PROTOCOL_SSLv2):  # <-\n    pass",
        "import ssl\ndef f(v=ssl.PROTOCOL_TLSv1_2):\n    pass",
    ),
    "B504": (
        "import ssl\nssl.wrap_socket(s)  # <-",
        "import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLSv1_2)",
    ),
    "B505": (
        "from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(65537, 1024)  # <-",
        "from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(65537, 4096)",
    ),
    "B506": ("import yaml\nyaml.load(text)  # <-", "import yaml\nyaml.load(text, Loader=yaml.SafeLoader)"),
    "B507": (
        "import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # <-",
        "import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.RejectPolicy())",
    ),
    "B508": (
        "from pysnmp.hlapi import CommunityData\nCommunityData('public', mpModel=0)  # <-",
        "from pysnmp.hlapi import CommunityData\nCommunityData('public')",
    ),
    "B509": (
        "from pysnmp.hlapi import UsmUserData\nUsmUserData('user')  # <-",
        "from pysnmp.hlapi import UsmUserData\nUsmUserData('user', 'authkey', 'privkey')",
    ),
    "B601": ("import paramiko\nclient.exec_command(cmd)  # <-", "import paramiko\nclient.connect(host)"),
    "B602": (
        "import subprocess\nsubprocess.run(cmd, shell=True)  # <-",
        "import subprocess\nsubprocess.run(cmd, shell=False)",
    ),
    "B603": (
        "import subprocess\nsubprocess.run(['/bin/ls'])  # <-",
        "import subprocess\nsubprocess.run('/bin/ls', shell=True)",
    ),
    "B604": ("spawn(cmd, shell=True)  # <-", "spawn(cmd, shell=False)"),
    "B605": ("import os\nos.system(cmd)  # <-", "import os\nos.execv('/bin/ls', args)"),
    "B606": ("import os\nos.execv('/bin/ls', args)  # <-", "import os\nos.getcwd()"),
    "B607": ("import os\nos.system('ls')  # <-", "import os\nos.system('/bin/ls')"),
    "B608": ("query = 'SELECT * FROM users WHERE id = %s' % uid  # <-", "query = 'SELECT * FROM users WHERE id = ?'"),
    "B609": ("import os\nos.system('chmod 777 *')  # <-", "import os\nos.system('chmod 777 file.txt')"),
    "B610": ("User.objects.extra(where=[user_input])  # <-", "User.objects.extra(where=['id = 1'])"),
    "B611": (
        "from django.db.models.expressions import RawSQL\nRawSQL(user_sql, [])  # <-",
        "from django.db.models.expressions import RawSQL\nRawSQL('SELECT 1', [])",
    ),
    "B612": (
        "import logging.config\nlogging.config.listen(9999)  # <-",
        "import logging.config\nlogging.config.listen(9999, verify=check)",
    ),
    "B613": ("s = 'user\u202e'  # <-", "s = 'user'"),
    "B614": ("import torch\ntorch.load(path)  # <-", "import torch\ntorch.load(path, weights_only=True)"),
    "B615": (
        "from transformers import AutoModel\nAutoModel.from_pretrained('org/model')  # <-",
        "from transformers import AutoModel\nAutoModel.from_pretrained('org/model', revision='0123456789abcdef0123456789abcdef01234567')",
    ),
    "B701": (
        "import jinja2\njinja2.Environment(loader=l)  # <-",
        "import jinja2\njinja2.Environment(loader=l, autoescape=True)",
    ),
    "B702": ("from mako.template import Template\nTemplate(text)  # <-", "from string import Template\nTemplate(text)"),
    "B703": (
        "from django.utils.safestring import mark_safe\ndef view(name):\n    return mark_safe(name)  # <-",
        "from django.utils.safestring import mark_safe\nmark_safe('<b>fixed</b>')",
    ),
    "B704": (
        "from markupsafe import Markup\nMarkup(user_text)  # <-",
        "from markupsafe import Markup\nMarkup('<b>fixed</b>')",
    ),
}


def ids_at(source, **options):
    result = api.check(source, {"tests": list(options.pop("tests", [])), **options})
    return [(f["test_id"], f["line_number"]) for f in result["findings"]]


class ChecksTest(unittest.TestCase):
    def test_every_reported_id_has_cases(self):
        active = {t for t, info in TESTS.items() if not info.removed}
        self.assertEqual(active, set(CASES))


def _marked_line(source):
    for number, line in enumerate(source.splitlines(), start=1):
        if "# <-" in line:
            return number
    raise AssertionError("no marked line")


def _make(test_id, flagged, clean):
    def positive(self):
        line = 1 if test_id == "B613" else _marked_line(flagged)  # bidi: the first line holding one
        self.assertIn((test_id, line), ids_at(flagged, tests=[test_id]))

    def negative(self):
        self.assertEqual([], ids_at(clean, tests=[test_id]))

    return positive, negative


for _id, (_flagged, _clean) in CASES.items():
    _pos, _neg = _make(_id, _flagged, _clean)
    setattr(ChecksTest, f"test_{_id}_flags", _pos)
    setattr(ChecksTest, f"test_{_id}_passes_clean_code", _neg)
