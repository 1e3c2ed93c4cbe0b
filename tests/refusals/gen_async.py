# parse-time
# refused: 'async' is not supported by pymm
print("start")


async def agen():
    yield 1


print(agen is not None)
