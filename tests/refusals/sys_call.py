# refused: sys.getswitchinterval is not supported by pymm
import sys
print("start")
print(sys.getswitchinterval() > 0)
