# A binary classifier with a classic bug: softmax over a single output unit always
# outputs 1.0, so the model cannot learn. The DNN check flags it; Infill proposes sigmoid.
# (Keras is not available in the browser: this program is for the checks, not for Run.)
import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import Dense

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 25)
y = np.array([0, 1, 1, 0] * 25)

model = keras.Sequential()
model.add(Dense(16, input_dim=2, activation='relu'))
model.add(Dense(16, activation='relu'))
model.add(Dense(1, activation='softmax'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(X, y, epochs=100, batch_size=8)
print(model.evaluate(X, y))
