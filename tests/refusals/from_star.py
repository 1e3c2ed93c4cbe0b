# parse-time
# refused: 'from ... import *' is not supported by pymm
from gc import *
print("start")
