# parse-time
# refused: sets are not supported by pymm
print("start")
print(len({1, 2}))
