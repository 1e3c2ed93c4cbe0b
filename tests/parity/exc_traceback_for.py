# A traceback through a for loop names the for line, where FOR_ITER is
# (here: a generator the loop drives raises), as 3.11 prints it.
# parity: compare stderr
def readings(raw):
    for v in raw:
        if v < 0:
            raise ValueError(f"negative: {v}")
        yield v


total = 0
for v in readings([2, -7, 3]):
    total += v
    print(total)
