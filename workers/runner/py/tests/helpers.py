"""A scripted host for running programs through runner.py inside Pyodide."""

import json
import textwrap

from _heal_runner import runner


class ScriptedHost:
    """Answers pauses from a list (or a function of the context); input from a list."""

    def __init__(self, answers=None, inputs=None):
        self.answers = list(answers or [])
        self.inputs = list(inputs or [])
        self.contexts = []
        self.batches = []
        self.truncation_notices = 0
        self.prompts = []

    def output(self, batch_json, truncated):
        self.batches.extend(json.loads(batch_json))
        self.truncation_notices += bool(truncated)

    def pause(self, context_json):
        context = json.loads(context_json)
        self.contexts.append(context)
        answer = self.answers.pop(0) if self.answers else {"action": "raise"}
        if callable(answer):
            answer = answer(context)
        return json.dumps(answer)

    def ask_input(self, prompt):
        self.prompts.append(prompt)
        if not self.inputs:
            return json.dumps({"eof": True})
        return json.dumps({"text": self.inputs.pop(0)})


def joined(batches):
    """Output chunks with neighbours of the same stream and heal mark joined (print writes its
    text and its newline separately)."""
    out = []
    for chunk in batches:
        if out and out[-1][0] == chunk[0] and out[-1][2:] == chunk[2:]:
            out[-1] = [out[-1][0], out[-1][1] + chunk[1], *chunk[2:]]
        else:
            out.append(list(chunk))
    return out


def run(code, answers=None, inputs=None, **request):
    host = ScriptedHost(answers, inputs)
    result = json.loads(runner.run(host, json.dumps({"code": textwrap.dedent(code), **request})))
    return result, host


def merge_values(values):
    """A merge answer binding plain values (str, int, bool, None) by name."""
    return {"action": "merge", "set": [{"name": name, "value": value} for name, value in values.items()]}
