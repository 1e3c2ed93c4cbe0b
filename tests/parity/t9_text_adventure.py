# A tiny text adventure: rooms linked both ways (cycles), an inventory of
# items with properties, commands parsed with split and dispatched through
# a dict of bound methods; at the end the whole world is one cycle.
import gc

gc.collect()


class Item:
    def __init__(self, name, weight):
        self.name, self.weight = name, weight

    def __repr__(self):
        return self.name


class Room:
    def __init__(self, name):
        self.name = name
        self.exits = {}
        self.items = []

    def link(self, direction, other, back):
        self.exits[direction] = other
        other.exits[back] = self


class Player:
    def __init__(self, room):
        self.room = room
        self.bag = []
        self.commands = {"go": self.go, "take": self.take, "drop": self.drop, "look": self.look}

    @property
    def load(self):
        return sum(i.weight for i in self.bag)

    def go(self, where):
        if where not in self.room.exits:
            return f"no exit {where}"
        self.room = self.room.exits[where]
        return f"you are in the {self.room.name}"

    def take(self, what):
        for item in self.room.items:
            if item.name == what:
                if self.load + item.weight > 10:
                    return "too heavy"
                self.room.items.remove(item)
                self.bag.append(item)
                return f"taken {what}"
        return f"no {what} here"

    def drop(self, what):
        for item in self.bag:
            if item.name == what:
                self.bag.remove(item)
                self.room.items.append(item)
                return f"dropped {what}"
        return f"you have no {what}"

    def look(self, _=None):
        exits = ", ".join(sorted(self.room.exits))
        return f"{self.room.name}: items {self.room.items}, exits {exits}"

    def do(self, line):
        verb, *rest = line.split()
        handler = self.commands.get(verb)
        if handler is None:
            return f"unknown command {verb!r}"
        return handler(*rest) if rest else handler()


hall, kitchen, cellar = Room("hall"), Room("kitchen"), Room("cellar")
hall.link("north", kitchen, "south")
kitchen.link("down", cellar, "up")
kitchen.items += [Item("knife", 1), Item("anvil", 9)]
cellar.items.append(Item("wine", 2))
p = Player(hall)
script = ["look", "go west", "go north", "take knife", "take anvil", "take spoon", "go down",
          "take wine", "drop knife", "look", "dance", "go up", "look"]
for line in script:
    print(f"> {line}: {p.do(line)}")
print(p.bag, p.load)
del hall, kitchen, cellar, p
print(gc.collect())
