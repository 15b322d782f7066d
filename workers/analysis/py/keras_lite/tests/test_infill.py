import json
import unittest

from keras_lite.api import analyze, filter_json, mask_json, rule_candidates_json

SOFTMAX_BINARY = """import numpy as np
from keras.models import Sequential
from keras.layers import Dense
X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
y = np.array([0, 1, 1, 0])
model = Sequential()
model.add(Dense(8, input_dim=2, activation='relu'))
model.add(Dense(1, activation='softmax'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(X, y, epochs=50, batch_size=2)
"""


def element_id(source, kind, line):
    return next(e["id"] for e in analyze(source)["elements"] if e["kind"] == kind and e["span"]["line"] == line)


def run_filter(source, eid, texts):
    return json.loads(filter_json(source, eid, json.dumps([{"text": t, "origin": "engine"} for t in texts])))


class Infill(unittest.TestCase):
    def test_mask_and_context(self):
        eid = element_id(SOFTMAX_BINARY, "activation", 8)
        m = json.loads(mask_json(SOFTMAX_BINARY, eid))
        self.assertIn("model.add(Dense(1, activation=<mask>))", m["masked"])
        self.assertTrue(m["before"].endswith("model.add(Dense(1, activation="))
        self.assertTrue(m["after"].startswith("))\nmodel.compile"))

    def test_rules_propose_sigmoid_first_and_it_ranks_first(self):
        eid = element_id(SOFTMAX_BINARY, "activation", 8)
        rules = json.loads(rule_candidates_json(SOFTMAX_BINARY, eid))
        self.assertEqual(rules[0], "'sigmoid'")
        kept = sorted((c for c in run_filter(SOFTMAX_BINARY, eid, rules) if c["kept"]), key=lambda c: -c["score"])
        self.assertEqual(kept[0]["text"], "'sigmoid'")
        self.assertIn("model.add(Dense(1, activation='sigmoid'))", kept[0]["source"])

    def test_filter_syntax(self):
        eid = element_id(SOFTMAX_BINARY, "activation", 8)
        (c,) = run_filter(SOFTMAX_BINARY, eid, ["'sigmoid"])
        self.assertEqual((c["kept"], c["rejection"]), (False, "syntax"))
        (c,) = run_filter(SOFTMAX_BINARY, eid, [""])
        self.assertEqual(c["rejection"], "empty")

    def test_filter_equivalent_after_standardisation(self):
        loss = element_id(SOFTMAX_BINARY, "loss", 9)
        out = run_filter(SOFTMAX_BINARY, loss, ["'BinaryCrossentropy'", "'mse'"])
        self.assertEqual([c.get("rejection") for c in out], ["equivalent", None])
        opt = element_id(SOFTMAX_BINARY, "optimizer", 9)
        out = run_filter(SOFTMAX_BINARY, opt, ["keras.optimizers.Adam(lr=0.001)", "'sgd'", "'SGD'"])
        self.assertEqual([c.get("rejection") for c in out], ["equivalent", None, "duplicate"])

    def test_filter_shape(self):
        layer = element_id(SOFTMAX_BINARY, "layer", 8)
        out = run_filter(SOFTMAX_BINARY, layer, ["Dense(2, activation='softmax')", "Dense(1, activation='sigmoid')"])
        self.assertEqual([c.get("rejection") for c in out], ["shape", None])
        first = element_id(SOFTMAX_BINARY, "layer", 7)
        out = run_filter(SOFTMAX_BINARY, first, ["Dense(8, input_dim=3, activation='relu')"])
        self.assertEqual(out[0]["rejection"], "shape")

    def test_implicit_element_is_inserted(self):
        src = SOFTMAX_BINARY.replace("Dense(1, activation='softmax')", "Dense(1)")
        eid = next(e["id"] for e in analyze(src)["elements"] if e["kind"] == "activation" and e.get("implicit"))
        kept = [c for c in run_filter(src, eid, ["'sigmoid'"]) if c["kept"]]
        self.assertIn("Dense(1, activation='sigmoid')", kept[0]["source"])

    def test_unknown_element_is_a_clear_error(self):
        with self.assertRaises(ValueError):
            mask_json(SOFTMAX_BINARY, 999)
