# Handled exceptions: a parsing loop where every second token is not a number (ValueError).
def parse_all(tokens):
    total = bad = 0
    for token in tokens:
        try:
            total += int(token)
        except ValueError:
            bad += 1
    return total, bad


tokens = [str(i) if i % 2 else f"x{i}" for i in range(100000)]
print(parse_all(tokens))
