# CPU-bound: word counting with dicts, string building and method calls.
class Counter:
    def __init__(self):
        self.counts = {}

    def add(self, word):
        self.counts[word] = self.counts.get(word, 0) + 1


words = []
seed = 7
for i in range(150000):
    seed = (seed * 1103515245 + 12345) % 2147483648
    words.append("w" + str(seed % 997))
counter = Counter()
for w in words:
    counter.add(w.upper())
top = sorted(counter.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top)
