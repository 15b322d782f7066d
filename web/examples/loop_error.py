# Press Run. Alan has no scores yet: line 9 divides by zero
# and the program pauses there. A fix is proposed with what it
# changes; Accept it and the loop goes on with the next student.


def averages(scores):
    result = {}
    for student, marks in scores.items():
        result[student] = sum(marks) / len(marks)
    return result


scores = {
    "ada": [90, 85, 100],
    "grace": [70, 95],
    "alan": [],
    "barbara": [88],
}

for student, average in averages(scores).items():
    print(f"{student:>8}: {average:.1f}")
