// Programs shared by the Node integration tests.

/** Divides by zero inside a loop inside a function (line 4). */
export const LOOP_IN_FUNCTION = `def average(xs):
    total = 0
    for x in xs:
        total += 100 / x
    return total / len(xs)

print(average([1, 0, 4]))
`;
