# Handled exceptions: the KeyError is raised one call down and caught by the caller.
def lookup(table, key):
    return table[key]


def count_misses(table, keys):
    misses = 0
    for key in keys:
        try:
            lookup(table, key)
        except KeyError:
            misses += 1
    return misses


print(count_misses({}, range(100000)))
