import unittest

from keras_lite.extract import extract

SEQUENTIAL = """import tensorflow as tf
from tensorflow.keras.layers import Dense as D
from tensorflow.keras import optimizers
model = tf.keras.Sequential()
model.add(D(8, activation='relu', input_dim=4, kernel_initializer='he_normal'))
model.add(tf.keras.layers.Dense(1, activation=tf.keras.activations.sigmoid))
opt = optimizers.SGD(lr=0.01)
model.compile(loss=tf.keras.losses.BinaryCrossentropy(), optimizer=opt, metrics=['acc'])
model.fit(x, y, batch_size=16, nb_epoch=20)
"""

FUNCTIONAL = """from keras.models import Model
from keras.layers import Input, Dense
inputs = Input(shape=(3,))
h = Dense(4, activation='tanh')(inputs)
out = Dense(2, activation='softmax')(h)
m = Model(inputs, out)
m.compile('adam', 'categorical_crossentropy', ['accuracy'])
m.fit_generator(gen, 10, 5)
"""


def kinds(program):
    return [(e.kind, e.span.line, e.text) for e in program.elements]


class Extraction(unittest.TestCase):
    def test_sequential_aliases_and_all_nine_kinds(self):
        p = extract(SEQUENTIAL)
        found = {k for k, _, _ in kinds(p)}
        self.assertEqual(
            found,
            {
                "activation",
                "initializer",
                "layer",
                "loss",
                "optimizer",
                "learning_rate",
                "metrics",
                "batch_size",
                "epochs",
            },
        )
        self.assertIn(("learning_rate", 7, "0.01"), kinds(p))
        self.assertIn(("epochs", 9, "20"), kinds(p))
        lr = next(e for e in p.elements if e.kind == "learning_rate")
        self.assertEqual(lr.used_at, [8])
        act = [e for e in p.elements if e.kind == "activation"]
        self.assertEqual([a.standard for a in act], ["relu", "sigmoid"])

    def test_exact_spans(self):
        p = extract(SEQUENTIAL)
        loss = next(e for e in p.elements if e.kind == "loss")
        line = SEQUENTIAL.split("\n")[loss.span.line - 1]
        self.assertEqual(line[loss.span.col : loss.span.endCol], "tf.keras.losses.BinaryCrossentropy()")
        self.assertEqual(loss.standard, "binary_crossentropy")

    def test_functional_and_positional_compile_and_fit_generator(self):
        p = extract(FUNCTIONAL)
        ks = kinds(p)
        self.assertIn(("optimizer", 7, "'adam'"), ks)
        self.assertIn(("loss", 7, "'categorical_crossentropy'"), ks)
        self.assertIn(("metrics", 7, "['accuracy']"), ks)
        self.assertIn(("epochs", 8, "5"), ks)
        self.assertEqual(len([k for k in ks if k[0] == "layer"]), 2)

    def test_implicit_defaults_are_insertion_points(self):
        p = extract(
            "import keras\nm = keras.Sequential()\nm.add(keras.layers.Dense(1))\nm.compile(loss='mse', optimizer='sgd')\nm.fit(x, y)\n"
        )
        implicit = {e.kind: e for e in p.elements if e.implicit}
        self.assertEqual(set(implicit), {"activation", "initializer", "batch_size", "epochs"})
        self.assertEqual(implicit["activation"].standard, "linear")
        self.assertEqual(implicit["epochs"].standard, "1")

    def test_sklearn_fit_is_not_a_keras_fit(self):
        p = extract("import keras\nfrom sklearn.preprocessing import StandardScaler\ns = StandardScaler()\ns.fit(X)\n")
        self.assertEqual(p.elements, [])

    def test_fit_of_a_model_built_elsewhere(self):
        src = (
            "import keras\nfrom builder import build\nmodel = build()\n"
            "model.compile(loss='mse', optimizer='adam')\nmodel.fit(X, y)\n"
        )
        kinds = {e.kind for e in extract(src).elements}
        self.assertTrue({"loss", "optimizer", "epochs", "batch_size"} <= kinds)

    def test_not_keras(self):
        self.assertFalse(extract("import numpy as np\nprint(np.zeros(3))\n").is_keras)

    def test_wrapped_layers(self):
        p = extract(
            "from keras.layers import TimeDistributed, Dense\nfrom keras.models import Sequential\nm = Sequential()\nm.add(TimeDistributed(Dense(3, activation='sigmoid')))\n"
        )
        self.assertEqual(
            [e.text for e in p.elements if e.kind == "layer"],
            ["TimeDistributed(Dense(3, activation='sigmoid'))", "Dense(3, activation='sigmoid')"],
        )

    def test_non_ascii_columns_are_characters(self):
        src = "import keras\nm = keras.Sequential()\nm.add(keras.layers.Dense(1, name='é', activation='relu'))\n"
        p = extract(src)
        act = next(e for e in p.elements if e.kind == "activation")
        self.assertEqual(src.split("\n")[2][act.span.col : act.span.endCol], "'relu'")
