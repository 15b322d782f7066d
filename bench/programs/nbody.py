# CPU-bound: n-body simulation (floating point, attribute-free tight loops).
def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (b1, b2) in pairs:
            dx = b1[0] - b2[0]
            dy = b1[1] - b2[1]
            dz = b1[2] - b2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            b1[3] -= dx * b2[6] * mag
            b1[4] -= dy * b2[6] * mag
            b1[5] -= dz * b2[6] * mag
            b2[3] += dx * b1[6] * mag
            b2[4] += dy * b1[6] * mag
            b2[5] += dz * b1[6] * mag
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


bodies = [[float(i), float(i * 2 % 5), float(i * 3 % 7), 0.0, 0.0, 0.0, 1.0 + i] for i in range(5)]
pairs = [(bodies[i], bodies[j]) for i in range(5) for j in range(i + 1, 5)]
advance(bodies, pairs, 0.001, 20000)
print(round(sum(b[0] for b in bodies), 6))
