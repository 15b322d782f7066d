# Handled exceptions: EAFP dict lookups at module level, every lookup misses (KeyError).
table = {}
misses = 0
for key in range(100000):
    try:
        value = table[key]
    except KeyError:
        misses += 1
print(misses)
