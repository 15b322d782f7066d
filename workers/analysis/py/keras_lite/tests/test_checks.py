import unittest

from keras_lite.api import analyze

HEAD = "import numpy as np\nfrom keras.models import Sequential\nfrom keras.layers import Dense\nfrom keras.utils import to_categorical\n"


def program(
    labels,
    output,
    loss="'binary_crossentropy'",
    fit="epochs=50, batch_size=2",
    metrics="['accuracy']",
    optimizer="'adam'",
):
    return HEAD + (
        "X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])\n"
        f"y = {labels}\n"
        "model = Sequential()\n"
        "model.add(Dense(8, input_dim=2, activation='relu'))\n"
        f"model.add(Dense({output}))\n"
        f"model.compile(loss={loss}, optimizer={optimizer}, metrics={metrics})\n"
        f"model.fit(X, y, {fit})\n"
    )


BINARY = "np.array([0, 1, 1, 0])"
ONE_HOT = "to_categorical(np.array([0, 1, 2, 1]), 3)"
INTEGER = "np.array([0, 1, 2, 1])"
REAL = "np.array([0.5, 1.7, 2.2, 0.1])"


def checks(source):
    return [f["checkId"] for f in analyze(source)["findings"]]


class Checks(unittest.TestCase):
    def test_clean_binary_program(self):
        self.assertEqual(checks(program(BINARY, "1, activation='sigmoid'")), [])

    def test_softmax_single_unit(self):
        self.assertIn("softmax-single-unit", checks(program(BINARY, "1, activation='softmax'")))
        self.assertNotIn(
            "softmax-single-unit", checks(program(ONE_HOT, "3, activation='softmax'", "'categorical_crossentropy'"))
        )

    def test_loss_label_mismatch(self):
        self.assertIn(
            "loss-label-mismatch", checks(program(BINARY, "1, activation='sigmoid'", "'categorical_crossentropy'"))
        )
        self.assertNotIn("loss-label-mismatch", checks(program(BINARY, "1, activation='sigmoid'")))

    def test_regression_loss_for_classification(self):
        self.assertIn("regression-loss-for-classification", checks(program(BINARY, "1, activation='sigmoid'", "'mse'")))
        self.assertNotIn("regression-loss-for-classification", checks(program(REAL, "1", "'mse'", metrics="['mae']")))

    def test_categorical_vs_sparse(self):
        self.assertIn(
            "categorical-vs-sparse",
            checks(program(ONE_HOT, "3, activation='softmax'", "'sparse_categorical_crossentropy'")),
        )
        self.assertIn(
            "categorical-vs-sparse", checks(program(INTEGER, "3, activation='softmax'", "'categorical_crossentropy'"))
        )
        self.assertNotIn(
            "categorical-vs-sparse",
            checks(program(INTEGER, "3, activation='softmax'", "'sparse_categorical_crossentropy'")),
        )

    def test_relu_or_linear_classification_output(self):
        self.assertIn("classification-output-activation", checks(program(BINARY, "1, activation='relu'")))
        self.assertIn("classification-output-activation", checks(program(BINARY, "1")))
        self.assertNotIn("classification-output-activation", checks(program(REAL, "1", "'mse'", metrics="['mae']")))

    def test_a_finding_on_a_default_spans_its_call(self):
        src = program(BINARY, "1")
        f = next(f for f in analyze(src)["findings"] if f["checkId"] == "classification-output-activation")
        line = src.split("\n")[f["span"]["line"] - 1]
        self.assertEqual(line[f["span"]["col"] : f["span"]["endCol"]], "Dense(1)")

    def test_sigmoid_multiclass(self):
        self.assertIn(
            "sigmoid-multiclass", checks(program(ONE_HOT, "3, activation='sigmoid'", "'categorical_crossentropy'"))
        )
        self.assertNotIn(
            "sigmoid-multiclass", checks(program(ONE_HOT, "3, activation='softmax'", "'categorical_crossentropy'"))
        )

    def test_learning_rate_range(self):
        self.assertIn(
            "learning-rate-range",
            checks(
                program(BINARY, "1, activation='sigmoid'", optimizer="keras.optimizers.Adam(lr=0.5)").replace(
                    "import numpy", "import keras\nimport numpy"
                )
            ),
        )
        self.assertNotIn(
            "learning-rate-range",
            checks(
                program(BINARY, "1, activation='sigmoid'", optimizer="keras.optimizers.Adam(lr=0.001)").replace(
                    "import numpy", "import keras\nimport numpy"
                )
            ),
        )
        self.assertNotIn(
            "learning-rate-range",
            checks(
                program(BINARY, "1, activation='sigmoid'", optimizer="keras.optimizers.SGD(lr=0.1)").replace(
                    "import numpy", "import keras\nimport numpy"
                )
            ),
        )

    def test_few_epochs(self):
        self.assertIn("few-epochs", checks(program(BINARY, "1, activation='sigmoid'", fit="epochs=2")))
        self.assertIn("few-epochs", checks(program(BINARY, "1, activation='sigmoid'", fit="batch_size=2")))
        self.assertNotIn("few-epochs", checks(program(BINARY, "1, activation='sigmoid'", fit="epochs=20")))

    def test_batch_larger_than_data(self):
        self.assertIn(
            "batch-larger-than-data", checks(program(BINARY, "1, activation='sigmoid'", fit="epochs=50, batch_size=64"))
        )
        self.assertNotIn(
            "batch-larger-than-data", checks(program(BINARY, "1, activation='sigmoid'", fit="epochs=50, batch_size=4"))
        )

    def test_accuracy_on_regression(self):
        self.assertIn("accuracy-on-regression", checks(program(REAL, "1", "'mse'")))
        self.assertNotIn("accuracy-on-regression", checks(program(BINARY, "1, activation='sigmoid'")))

    def test_data_context(self):
        a = analyze(program(ONE_HOT, "3, activation='softmax'", "'categorical_crossentropy'"))
        self.assertEqual(
            (a["data"]["task"], a["data"]["labelEncoding"], a["data"]["numClasses"], a["data"]["samples"]),
            ("multiclass", "one-hot", 3, 4),
        )
        self.assertEqual(a["data"]["inputShape"], [None, 2])
        self.assertEqual(a["output"]["units"], 3)
        self.assertEqual(a["output"]["activation"], "softmax")
        self.assertEqual(analyze(program(REAL, "1", "'mse'"))["data"]["task"], "regression")

    def test_known_dataset_and_split(self):
        src = (
            "from keras.datasets import mnist\nfrom sklearn.model_selection import train_test_split\nimport keras\n"
            "(x_train, y_train), (x_test, y_test) = mnist.load_data()\n"
            "m = keras.Sequential()\nm.add(keras.layers.Dense(10, activation='softmax'))\n"
            "m.compile(loss='categorical_crossentropy', optimizer='adam')\nm.fit(x_train, y_train, epochs=5)\n"
        )
        a = analyze(src)
        self.assertEqual(
            (a["data"]["task"], a["data"]["labelEncoding"], a["data"]["numClasses"]), ("multiclass", "integer", 10)
        )
        self.assertIn("categorical-vs-sparse", [f["checkId"] for f in a["findings"]])

    def test_parse_error_is_a_message(self):
        a = analyze("import keras\nmodel = (\n")
        self.assertFalse(a["isKeras"])
        self.assertIn("does not parse", a["errors"][0])
