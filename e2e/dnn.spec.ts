import { test, expect, editorText, openReady, pasteCode, screenshot } from './helpers.ts';

// The DNN check in the page: a binary classifier with softmax on its single output unit
// gets a warning marker; Infill (rules engine, no model) proposes sigmoid; Accept edits.
const PROGRAM = `import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import Dense

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 25)
y = np.array([0, 1, 1, 0] * 25)
model = keras.Sequential()
model.add(Dense(16, input_dim=2, activation='relu'))
model.add(Dense(1, activation='softmax'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(X, y, epochs=100, batch_size=8)
`;

test('softmax on a 1-unit output: marker, infill proposes sigmoid, Accept updates the editor', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'isolated', 'the checks do not depend on isolation');
  test.setTimeout(150_000); // the checks' own Pyodide starts after the runner's
  await openReady(page);
  await pasteCode(page, PROGRAM);
  await expect(page.locator('.monaco-editor .squiggly-warning').first()).toBeVisible({ timeout: 90_000 });

  await page.getByTestId('checks-tab-dnn').click();
  const finding = page.getByTestId('dnn-finding').filter({ hasText: 'softmax' });
  await expect(finding).toHaveAttribute('data-check', 'softmax-single-unit');
  await finding.getByTestId('infill').click();

  const review = page.getByTestId('patch-review');
  await expect(review).toBeVisible();
  const first = review.getByTestId('patch-candidate').first();
  await expect(first).toContainText("'sigmoid'");
  await expect(first).toHaveAttribute('data-acceptable', 'true');
  await screenshot(page, testInfo, 'dnn-infill');
  await first.click();
  await review.getByTestId('patch-accept').click();
  await expect(review).toBeHidden();
  await expect.poll(() => editorText(page)).toBe(PROGRAM.replace("Dense(1, activation='softmax')", "Dense(1, activation='sigmoid')"));
  await expect(page.getByTestId('dnn-finding').filter({ hasText: 'softmax' })).toHaveCount(0);
});
