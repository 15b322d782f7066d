# Counts primes up to ten million, printing progress as it goes. It runs for minutes:
# press Stop (or wait for the time limit in Settings) to end it.


def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


LIMIT = 10_000_000
CHUNK = 100_000
found = 0
for start in range(0, LIMIT, CHUNK):
    found += sum(1 for n in range(start, start + CHUNK) if is_prime(n))
    print(f"checked up to {start + CHUNK:>10,}: {found:,} primes")
print("done")
