// A program that fails `pauses` times in a loop inside a function; answered with
// no-op merges it measures the pause→resume round trip.
export function PAUSE_PROGRAM(pauses: number): string {
  return `def step(xs):
    total = 0
    for x in xs:
        total += 1 / x
    return total

for _ in range(${pauses}):
    step([0])
print("done")
`;
}
