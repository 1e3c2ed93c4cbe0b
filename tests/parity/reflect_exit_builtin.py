# site's exit() and quit(): SystemExit with their code, caught or ending
# the script (status 0 for quit())
import sys


def shutdown(reason):
    print("shutting down:", reason)
    quit()


try:
    exit(3)
except SystemExit as e:
    print("exit()", e.code, type(e).__name__)
try:
    exit("bye")
except SystemExit as e:
    print("exit('bye')", e.code)
try:
    shutdown("tests done")
except SystemExit as e:
    print("quit()", e.code)
try:
    sys.exit()
finally:
    print("finally")
