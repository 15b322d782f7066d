// Programs shared by the Node integration tests.

/** Divides by zero inside a loop inside a function (line 4). */
export const LOOP_IN_FUNCTION = `def average(xs):
    total = 0
    for x in xs:
        total += 100 / x
    return total / len(xs)

print(average([1, 0, 4]))
`;

/** The binary complement of 0 fails: ValueError: invalid literal for int() with base 2: ''. */
export const COMPLEMENT = `def complement(n):
    width = n.bit_length()
    flipped = "".join("1" if (n >> i) & 1 == 0 else "0" for i in reversed(range(width)))
    return int(flipped, 2)


for n in [5, 0, 10]:
    print(n, "->", complement(n))
`;
/** What the program should print. */
export const COMPLEMENT_EXPECTED = '5 -> 2\n0 -> 1\n10 -> 5\n';
