import unittest

from keras_lite.names_data import TABLE
from keras_lite.standard import snake, standardise_text as std


class LossAliases(unittest.TestCase):
    def test_every_loss_alias_maps_to_its_standard(self):
        for alias, standard in TABLE["loss"]["aliases"].items():
            self.assertEqual(std("loss", repr(alias)), standard, alias)

    def test_mse_spellings_are_one_loss(self):
        forms = [
            "'mse'",
            "'mean_squared_error'",
            "keras.losses.MeanSquaredError()",
            "keras.losses.mean_squared_error",
            "'MSE'",
        ]
        self.assertEqual({std("loss", f) for f in forms}, {"mean_squared_error"})

    def test_different_losses_differ(self):
        self.assertNotEqual(std("loss", "'binary_crossentropy'"), std("loss", "'categorical_crossentropy'"))


class MetricAliases(unittest.TestCase):
    def test_every_metric_alias_maps_to_its_standard(self):
        for alias, standard in TABLE["metrics"]["aliases"].items():
            self.assertEqual(std("metrics", f"[{alias!r}]"), f"[{standard}]", alias)

    def test_acc_and_accuracy_stay_distinct(self):
        self.assertNotEqual(std("metrics", "['acc']"), std("metrics", "['accuracy']"))


class OptimizerAliases(unittest.TestCase):
    def test_every_string_optimizer_is_its_class_with_the_default_rate(self):
        for alias, standard in TABLE["optimizer"]["aliases"].items():
            self.assertEqual(std("optimizer", repr(alias)), standard, alias)

    def test_lr_is_learning_rate_and_missing_rate_takes_the_default(self):
        self.assertEqual(std("optimizer", "'adam'"), std("optimizer", "keras.optimizers.Adam(lr=0.001)"))
        self.assertEqual(std("optimizer", "'sgd'"), std("optimizer", "keras.optimizers.SGD()"))
        self.assertEqual(std("optimizer", "Adam(learning_rate=1e-3)"), std("optimizer", "'adam'"))

    def test_other_rates_differ(self):
        self.assertNotEqual(std("optimizer", "keras.optimizers.Adam(lr=0.1)"), std("optimizer", "'adam'"))


class ActivationAliases(unittest.TestCase):
    def test_every_activation_alias(self):
        for alias, standard in TABLE["activation"]["aliases"].items():
            self.assertEqual(std("activation", alias), standard, alias)

    def test_strings_bare_names_and_absence(self):
        self.assertEqual(std("activation", "'relu'"), "relu")
        self.assertEqual(std("activation", "relu"), "relu")
        self.assertEqual(std("activation", ""), "linear")
        self.assertEqual(std("activation", "None"), "linear")


class InitializerAliases(unittest.TestCase):
    def test_every_initializer_alias_and_dropped_arguments(self):
        for alias, standard in TABLE["initializer"]["aliases"].items():
            self.assertEqual(std("initializer", repr(alias)), standard, alias)
            self.assertEqual(std("initializer", f"keras.initializers.{alias}(seed=1)"), standard, alias)

    def test_empty_keywords_mean_the_default(self):
        self.assertEqual(std("initializer", "{}"), "glorot_uniform")
        self.assertEqual(std("initializer", "{'kernel_initializer': 'glorot_normal'}"), "glorot_normal")


class ApiRootAliases(unittest.TestCase):
    def test_module_prefixes_are_canonical(self):
        from keras_lite.names import canonical

        for alias, standard in TABLE["api_root"]["aliases"].items():
            self.assertEqual(canonical(alias), standard, alias)
        self.assertEqual(canonical("tensorflow.keras.layers.Dense"), "keras.layers.Dense")


class Numbers(unittest.TestCase):
    def test_numbers_compare_by_value(self):
        self.assertEqual(std("learning_rate", "1e-3"), std("learning_rate", "0.001"))
        self.assertEqual(std("epochs", "10"), std("epochs", "10.0"))
        self.assertNotEqual(std("batch_size", "32"), std("batch_size", "64"))

    def test_snake(self):
        self.assertEqual(snake("MeanSquaredError"), "mean_squared_error")
        self.assertEqual(snake("BinaryIoU"), "binary_io_u")
