# Handled exceptions: EAFP dict lookups in a function, every lookup misses (KeyError).
def count_misses(table, keys):
    misses = 0
    for key in keys:
        try:
            value = table[key]
        except KeyError:
            misses += 1
    return misses


print(count_misses({}, range(100000)))
