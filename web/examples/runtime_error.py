# An order total that crashes on a product missing from the price list.
# Run it: the program pauses at the failing line instead of dying.

PRICES = {"apple": 0.50, "bread": 2.25, "milk": 1.10}


def order_total(items):
    total = 0.0
    for name, quantity in items:
        total += PRICES[name] * quantity
    return total


basket = [("apple", 4), ("bread", 1), ("cheese", 2), ("milk", 2)]
print(f"Items: {len(basket)}")
print(f"Total: {order_total(basket):.2f}")
