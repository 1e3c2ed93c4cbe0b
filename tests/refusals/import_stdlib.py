# refused: module 'json' is not supported by pymm
print("start")
try:
    import json
except ImportError:
    print("no json: an ImportError branch python3 never takes")
print(json.dumps([1]))
