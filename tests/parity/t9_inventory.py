# An inventory with dicts of dicts, set operations on tags, dict
# comprehensions for reports, pop/setdefault/update, and copying.
import gc

gc.collect()

inventory = {
    "apple": {"qty": 50, "price": 0.4, "tags": {"fruit", "red"}},
    "banana": {"qty": 0, "price": 0.25, "tags": {"fruit", "yellow"}},
    "carrot": {"qty": 20, "price": 0.1, "tags": {"vegetable", "orange"}},
}
in_stock = {name for name, item in inventory.items() if item["qty"] > 0}
print(sorted(in_stock))
value = {name: round(item["qty"] * item["price"], 2) for name, item in inventory.items()}
print(value)
fruit = {n for n, i in inventory.items() if "fruit" in i["tags"]}
print(sorted(fruit & in_stock), sorted(fruit - in_stock), sorted(fruit | {"kiwi"}))
all_tags = set()
for item in inventory.values():
    all_tags |= item["tags"]
print(sorted(all_tags))
inventory.setdefault("kiwi", {"qty": 5, "price": 0.5, "tags": set()})
inventory["kiwi"]["tags"].add("fruit")
print(sorted(inventory), inventory["kiwi"]["tags"])
removed = inventory.pop("banana")
print(removed["qty"], "banana" in inventory, inventory.pop("nope", None))
shallow = dict(inventory)
shallow["apple"]["qty"] -= 10
print(inventory["apple"]["qty"], shallow is inventory, shallow == inventory)
inventory.update({"apple": {"qty": 1, "price": 1.0, "tags": set()}})
print(inventory["apple"], shallow["apple"]["qty"])
counts = {}
for tag in ["a", "b", "a", "c", "b", "a"]:
    counts[tag] = counts.get(tag, 0) + 1
print(counts, list(counts.keys()), list(counts.values()))
print(sorted(counts.items(), key=lambda kv: kv[1], reverse=True))
del counts["b"]
print(counts, len(counts), "b" in counts)
try:
    inventory["durian"]
except KeyError as e:
    print("KeyError", e)
print({k: v for k, v in sorted(value.items()) if v})
