# Average score per student; one student has no scores yet.
# The ZeroDivisionError happens inside a loop inside a function:
# skip the statement and the loop carries on with the next student.


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
