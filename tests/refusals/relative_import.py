# parse-time
# refused: relative imports are not supported by pymm
print("start")
try:
    from . import x
except ImportError:
    print("no package")
