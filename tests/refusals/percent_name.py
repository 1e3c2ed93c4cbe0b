# refused: '%(name)' formats are not supported by pymm
print("start")
print("%(a)s" % {"a": 1})
