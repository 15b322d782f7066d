# Reads two lines: from Standard input first, then interactively once it runs out.
# Clear Standard input to be asked inline instead.

name = input("What is your name? ")
year = int(input("What year were you born? "))
print(f"Hello, {name}!")
print(f"In 2030 you will be {2030 - year} years old.")
