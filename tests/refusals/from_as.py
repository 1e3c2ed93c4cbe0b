# parse-time
# refused: 'from ... import ... as' is not supported by pymm
from gc import collect as c
print("start", c() >= 0)
