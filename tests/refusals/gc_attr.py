# refused: gc.callbacks is not supported by pymm
import gc
print("start")
print(gc.callbacks)
