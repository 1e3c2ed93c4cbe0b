# refused: builtin 'memoryview' is not supported by pymm
print("start")
for attempt in range(2):
    try:
        try:
            memoryview(b"x")
        finally:
            print("finally", attempt)
    except:
        print("bare except", attempt)
print("after")
