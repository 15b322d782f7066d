# Handled exceptions: EAFP dict lookups in a function, one lookup in ten misses (KeyError).
def total(table, keys):
    found = 0
    for key in keys:
        try:
            found += table[key]
        except KeyError:
            found -= 1
    return found


table = {key: 1 for key in range(100000) if key % 10}
print(total(table, range(100000)))
