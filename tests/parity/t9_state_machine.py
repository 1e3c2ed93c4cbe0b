# A traffic-light / vending state machine with classes per state, a
# transition table of dicts of tuples, generators producing events, and
# bound methods as handlers; what each transition keeps alive.
import gc

gc.collect()


class State:
    name = "state"

    def on_enter(self, machine):
        machine.log.append("enter " + self.name)

    def handle(self, machine, event):
        raise NotImplementedError


class Idle(State):
    name = "idle"

    def handle(self, machine, event):
        if event == "coin":
            machine.credit += 1
            return Ready()
        return self


class Ready(State):
    name = "ready"

    def handle(self, machine, event):
        if event == "coin":
            machine.credit += 1
            return self
        if event == "push":
            machine.credit -= 1
            machine.dispensed += 1
            return Idle() if machine.credit == 0 else self
        if event == "refund":
            machine.credit = 0
            return Idle()
        return self


class Machine:
    def __init__(self):
        self.state = Idle()
        self.credit = 0
        self.dispensed = 0
        self.log = []

    def feed(self, events):
        for ev in events:
            new = self.state.handle(self, ev)
            if new is not self.state:
                self.log.append(f"{self.state.name} -{ev}-> {new.name}")
                self.state = new
                new.on_enter(self)
        return self


def events():
    yield from ["push", "coin", "coin", "push", "push", "push", "coin", "refund"]


m = Machine().feed(events())
print(m.state.name, m.credit, m.dispensed)
print("\n".join(m.log))
table = {
    ("green", "timer"): "yellow",
    ("yellow", "timer"): "red",
    ("red", "timer"): "green",
    ("green", "emergency"): "red",
}
light = "green"
for ev in ["timer", "timer", "timer", "emergency", "noop", "timer"]:
    light = table.get((light, ev), light)
    print(ev, "->", light)
counts = {}
for (src, ev), dst in table.items():
    counts[dst] = counts.get(dst, 0) + 1
print(sorted(counts.items()))
del m
print(gc.collect())
