# objects alive at the end of the script are finalized at shutdown, in
# the collector's order; their __del__ reads only self (pymm unbinds the
# globals first: docs/gc.md, "At exit")


class Service:
    instances = 0
    prefix = "[log]"

    def __init__(self, name):
        self.name = name
        Service.instances += 1

    def __del__(self):
        cls = type(self)
        cls.instances -= 1
        print(self.prefix, "stopping", self.name, cls.instances)


registry = {"db": Service("db")}
cache = [Service("cache")]
worker = Service("worker")
worker.peer = worker
print("script body done", Service.instances)
